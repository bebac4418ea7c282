# Stands in for nginx:1.27 where no registry is reachable: Debian's nginx on the offline base. The compose file mounts
# the whole configuration at /etc/nginx/nginx.conf; like the public image, nginx runs in the foreground.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/*
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
