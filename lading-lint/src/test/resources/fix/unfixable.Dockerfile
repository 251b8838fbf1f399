# syntax=docker/dockerfile:1
ARG VERSION=12
FROM debian:${VERSION}
RUN cat > /setup.sh <<SCRIPT
apt-get update
apt-get install -y curl
SCRIPT
RUN echo "$(apt-get install -y curl)" | tee log
WORKDIR /srv
COPY . /srv
RUN chown -R app:app /srv
CMD node "$APP" 2>&1
