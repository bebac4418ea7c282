# What a self-contained .NET program needs from the system (ICU, OpenSSL, zlib, time zones, GSSAPI, which Npgsql
# loads), on the offline base.
# The silo and client images (silo.Dockerfile, client.Dockerfile) start from it.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends libicu72 libssl3 zlib1g ca-certificates tzdata libgssapi-krb5-2 \
    && rm -rf /var/lib/apt/lists/*
