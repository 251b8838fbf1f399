FROM debian:12 AS build
# tools for the build
RUN apt-get update \
    # curl for the installer
    && apt-get install -y \
       curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY app /srv/app
RUN chown -R 1000:1000 /srv/app
RUN chmod -R 0750 /srv/app

FROM alpine:latest
RUN apk update && apk add tini curl
COPY --from=build /srv/app /srv/app
USER 1000
ENTRYPOINT tini -- /srv/app/run
