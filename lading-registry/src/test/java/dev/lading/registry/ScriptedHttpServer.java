package dev.lading.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny HTTP/1.1 server over a raw socket for the behaviours a real registry cannot be made to show: lying about
 * digests, failing transiently, cutting a connection mid-body. One request per connection (it answers with
 * Connection: close), every request recorded.
 */
final class ScriptedHttpServer implements AutoCloseable {

    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
    }

    @FunctionalInterface
    interface Handler {
        /** Writes the whole answer to {@code out}; may also just close it to drop the connection. */
        void handle(Request request, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    ScriptedHttpServer(Handler handler) throws IOException {
        this(handler, InetAddress.getLoopbackAddress());
    }

    /** Bound to {@code address}; null means every interface (for tests that reach it by the machine's host name). */
    ScriptedHttpServer(Handler handler, InetAddress address) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket(0, 50, address);
        this.acceptor = new Thread(this::acceptLoop, "scripted-http-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "scripted-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new java.io.BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            in.mark(1);
            if (in.read() == 0x16) {
                return; // a TLS handshake: this is a plain HTTP server, hang up as a real one would
            }
            in.reset();
            String requestLine = readLine(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            byte[] body = new byte[0];
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            }
            Request r = new Request(parts[0], parts.length > 1 ? parts[1] : "/", Map.copyOf(headers), body);
            requests.add(r);
            handler.handle(r, out);
            out.flush();
        } catch (IOException e) {
            // the client went away; that is part of what some tests provoke
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return c < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static void respond(OutputStream out, int status, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Length"))) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    static void respond(OutputStream out, int status, Map<String, String> headers, String body) throws IOException {
        respond(out, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 206 -> "Partial Content";
            case 307 -> "Temporary Redirect";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
