package dev.lading.oci;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * SHA-256 by the system's OpenSSL ({@code libcrypto}), called through the JDK's foreign function API.
 *
 * <p>Why: the JDK's own SHA-256 runs on the CPU's SHA instructions only in code compiled by C2, the JIT's slow,
 * optimising tier. C1 alone runs it ~8x slower (measured: 300 MiB in 1.98 s against 0.25 s). Short commands run
 * best on C1 alone, and C2 compiling the rest of lading cost a no-op rebuild ~60 ms. OpenSSL's SHA-256 runs at
 * full speed whatever the JIT does (300 MiB in 0.19 s), so the launcher can leave C2 out where this is available.
 *
 * <p>The code is compiled for Java 21, where the foreign function API is still a preview, and reaches the API
 * (final since Java 22) through method handles. It is used only where all of these hold, and silently not
 * otherwise: Java 22 or newer, native access enabled for lading's code (the executable jar's manifest enables
 * it; a library user who has not enabled it never sees the JDK's warning), and a {@code libcrypto} with the
 * {@code SHA256_*} functions (OpenSSL 1.1 and 3). {@code -Dlading.native.sha256=false} turns it off.
 *
 * <p>The hashing state is a Java {@code long[]} that OpenSSL writes in place (the calls are "critical": they
 * take heap memory and cannot be interrupted by the garbage collector), so nothing is allocated outside the
 * heap and nothing needs freeing.
 */
final class NativeSha256 {

    /** {@code sizeof(SHA256_CTX)} is 112 bytes in OpenSSL 1.1 and 3; a little spare costs nothing. */
    static final int STATE_LONGS = 16;

    private NativeSha256() {
    }

    /** The three functions, as {@code (long[])int}, {@code (long[], byte[], long, long)int}, {@code (byte[], long[])int}. */
    private record Functions(MethodHandle init, MethodHandle update, MethodHandle finish) {
    }

    private static volatile Optional<Functions> functions;

    /** Whether native SHA-256 can be used; the first call loads it (tens of milliseconds), later calls are free. */
    static boolean available() {
        return load().isPresent();
    }

    /** Whether {@link #available()} has already been answered, without loading anything. */
    static boolean loaded() {
        Optional<Functions> f = functions;
        return f != null && f.isPresent();
    }

    private static Optional<Functions> load() {
        Optional<Functions> f = functions;
        if (f == null) {
            synchronized (NativeSha256.class) {
                f = functions;
                if (f == null) {
                    f = Optional.ofNullable(bind());
                    functions = f;
                }
            }
        }
        return f;
    }

    static void init(long[] state) {
        try {
            check((int) load().orElseThrow().init().invokeExact(state), "SHA256_Init");
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    static void update(long[] state, byte[] data, int offset, int length) {
        try {
            check((int) load().orElseThrow().update().invokeExact(state, data, (long) offset, (long) length), "SHA256_Update");
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** Writes the 32-byte digest to {@code out} and leaves {@code state} spent: {@link #init} it again to reuse it. */
    static void finish(long[] state, byte[] out) {
        try {
            check((int) load().orElseThrow().finish().invokeExact(out, state), "SHA256_Final");
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** What a downcall threw, as an unchecked exception (errors are rethrown as they are). */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    private static void check(int ok, String function) {
        if (ok != 1) {
            throw new IllegalStateException(function + " failed");
        }
    }

    /** The three downcalls, or null when anything needed is missing. */
    private static Functions bind() {
        if (!Boolean.parseBoolean(System.getProperty("lading.native.sha256", "true")) || Runtime.version().feature() < 22) {
            return null;
        }
        try {
            Module self = NativeSha256.class.getModule();
            if (!(boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(self)) {
                return null;
            }
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> arena = Class.forName("java.lang.foreign.Arena");

            Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
            Object global = arena.getMethod("global").invoke(null);
            Method libraryLookup = lookupClass.getMethod("libraryLookup", String.class, arena);
            Object library = null;
            for (String name : new String[]{"libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"}) {
                try {
                    library = libraryLookup.invoke(null, name, global);
                    break;
                } catch (java.lang.reflect.InvocationTargetException e) {
                    // not installed under this name: try the next
                }
            }
            if (library == null) {
                return null;
            }
            Method find = lookupClass.getMethod("find", String.class);
            Object address = valueLayout.getField("ADDRESS").get(null);
            Object jint = valueLayout.getField("JAVA_INT").get(null);
            Object jlong = valueLayout.getField("JAVA_LONG").get(null);
            Method of = descriptor.getMethod("of", layout, layout.arrayType());
            Object critical = option.getMethod("critical", boolean.class).invoke(null, true);
            Object options = Array.newInstance(option, 1);
            Array.set(options, 0, critical);
            Method downcall = linkerClass.getMethod("downcallHandle", segment, descriptor, options.getClass());

            MethodHandle[] raw = new MethodHandle[3];
            String[] names = {"SHA256_Init", "SHA256_Update", "SHA256_Final"};
            Object[][] args = {{address}, {address, address, jlong}, {address, address}};
            for (int i = 0; i < 3; i++) {
                Optional<?> symbol = (Optional<?>) find.invoke(library, names[i]);
                if (symbol.isEmpty()) {
                    return null;
                }
                Object argLayouts = Array.newInstance(layout, args[i].length);
                for (int j = 0; j < args[i].length; j++) {
                    Array.set(argLayouts, j, args[i][j]);
                }
                raw[i] = (MethodHandle) downcall.invoke(linker, symbol.get(), of.invoke(null, jint, argLayouts), options);
            }

            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle ofLongs = lookup.findStatic(segment, "ofArray", MethodType.methodType(segment, long[].class));
            MethodHandle ofBytes = lookup.findStatic(segment, "ofArray", MethodType.methodType(segment, byte[].class));
            MethodHandle slice = lookup.findVirtual(segment, "asSlice", MethodType.methodType(segment, long.class, long.class));
            // (byte[], offset, length) -> the segment of those bytes
            MethodHandle bytesAt = MethodHandles.collectArguments(slice, 0, ofBytes);

            MethodHandle init = MethodHandles.filterArguments(raw[0], 0, ofLongs);
            // (long[], segment, length) -> (long[], byte[], offset, length, length) -> (long[], byte[], offset, length)
            MethodHandle update = MethodHandles.filterArguments(raw[1], 0, ofLongs);
            update = MethodHandles.collectArguments(update, 1, bytesAt);
            update = MethodHandles.permuteArguments(update,
                    MethodType.methodType(int.class, long[].class, byte[].class, long.class, long.class), 0, 1, 2, 3, 3);
            MethodHandle finish = MethodHandles.filterArguments(raw[2], 0, ofBytes, ofLongs);

            Functions f = new Functions(init, update, finish);
            // proves the binding on a known answer before anything relies on it
            long[] state = new long[STATE_LONGS];
            byte[] out = new byte[32];
            byte[] abc = {'a', 'b', 'c'};
            if ((int) f.init().invokeExact(state) != 1 || (int) f.update().invokeExact(state, abc, 0L, 3L) != 1
                    || (int) f.finish().invokeExact(out, state) != 1
                    || !java.util.HexFormat.of().formatHex(out).equals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")) {
                return null;
            }
            return f;
        } catch (Throwable t) {
            // anything missing or refused: the JDK's SHA-256 does the work
            return null;
        }
    }
}
