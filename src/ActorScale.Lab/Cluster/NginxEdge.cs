namespace ActorScale.Lab.Cluster;

/// <summary>
/// What the balancer admits and how it refuses, shared word for word by <see cref="NginxServer"/>'s generated config and
/// <c>docker/nginx.conf</c> (a test compares them). Every refusal of nginx's own is problem+json with our stable code,
/// the shape <c>ApiErrors</c> writes, so a client never parses nginx's HTML page.
/// </summary>
public static class NginxEdge
{
    /// <summary>
    /// The client address that admission counts, empty (not counted) for <paramref name="exempt"/> addresses: the lab's
    /// own load generators (bench, chaos, seed) run on the balancer's machine and would otherwise measure the limits, not
    /// the servers. Only <c>/api</c> is counted; the account routes (register, login: each costs a password hash) also
    /// on their own tighter budget.
    /// </summary>
    public static string ClientKeys(IReadOnlyList<string> exempt) =>
        "    geo $actorscale_exempt {\n        default 0;\n"
        + string.Concat(exempt.Select(address => $"        {address} 1;\n"))
        + """
                }
                map "$actorscale_exempt:$uri" $actorscale_api_client {
                    "~^0:(/@[a-z]+)?/api/" $binary_remote_addr;
                    default "";
                }
                map "$request_method:$uri" $actorscale_account_route {
                    "~^POST:(/@[a-z]+)?/api/(users|sessions)$" 1;
                    default 0;
                }
                map "$actorscale_account_route:$actorscale_exempt" $actorscale_account_client {
                    "1:0" $binary_remote_addr;
                    default "";
                }

            """;

    /// <summary>The zones behind <see cref="ServerLimits"/>; each value says why.</summary>
    public const string Zones = """
                # Register and login: 10 a minute per address with a burst of 3 is a person retyping a password, not a script
                # guessing one; each costs a PBKDF2 hash on a silo, and the cores must keep room for the honest logins
                # while many addresses flood (16 flooding addresses get 2.7 hashes a second through, not 32).
                limit_req_zone $actorscale_account_client zone=actorscale_accounts:1m rate=10r/m;
                # The rest of /api: 50 a second with a burst of 100 is far above a person or a page, well below what one
                # address can make a silo spend.
                limit_req_zone $actorscale_api_client zone=actorscale_api:10m rate=50r/s;
                limit_conn_zone $actorscale_api_client zone=actorscale_conn:10m;
                limit_req_status 429;
                limit_conn_status 429;

        """;

    /// <summary>The server-level limits; each value says why.</summary>
    public const string ServerLimits = """
                limit_req zone=actorscale_accounts burst=3 nodelay;
                limit_req zone=actorscale_api burst=100 nodelay;
                # 20 connections per address: a browser opens 6, an HTTP/1.1 client pool a handful.
                limit_conn actorscale_conn 20;
                # The API's largest body (register/login: a 64-character id and a 256-character password) is under
                # 400 bytes; 4 KB is the silos' own Kestrel limit (HttpLimitsOptions), and fits the body buffer, which the
                # affinity map reads.
                client_max_body_size 4k;
                client_body_buffer_size 4k;
                # A bearer token (a JWT of the baseline: under 1 KB) fits one 2 KB buffer; a longer header line or request
                # line, or more than 8 KB of headers, is refused (494 -> 431, 414) before a silo sees it.
                client_header_buffer_size 1k;
                large_client_header_buffers 4 2k;
                # A request's headers or body that trickle in slower than this are dropped: an idle connection costs a
                # worker slot, and every API request is a few hundred bytes.
                client_header_timeout 5s;
                client_body_timeout 5s;
                send_timeout 10s;
                keepalive_timeout 15s;
                keepalive_requests 1000;

        """;

    /// <summary>
    /// nginx's own refusals as problem+json: a 500-504 of nginx's (no silo answered: a silo's own 503 passes through
    /// untouched) is our 503 <c>Unavailable</c>, whose outcome is unknown, with the Retry-After that ApiErrors gives it.
    /// </summary>
    public const string ErrorPages = """
                error_page 400 @actorscale_400;
                error_page 413 @actorscale_413;
                error_page 414 @actorscale_414;
                error_page 429 @actorscale_429;
                error_page 494 =431 @actorscale_431;
                error_page 500 502 503 504 =503 @actorscale_503;
                location @actorscale_400 {
                    default_type application/problem+json;
                    return 400 '{"type":"urn:actorscale:error:BadRequest","title":"Bad Request","status":400,"detail":"the request is malformed","code":"BadRequest"}';
                }
                location @actorscale_413 {
                    default_type application/problem+json;
                    return 413 '{"type":"urn:actorscale:error:PayloadTooLarge","title":"Payload Too Large","status":413,"detail":"the request body is larger than this API accepts","code":"PayloadTooLarge"}';
                }
                location @actorscale_414 {
                    default_type application/problem+json;
                    return 414 '{"type":"urn:actorscale:error:BadRequest","title":"URI Too Long","status":414,"detail":"the request line is longer than this API accepts","code":"BadRequest"}';
                }
                location @actorscale_429 {
                    default_type application/problem+json;
                    add_header Retry-After 1 always;
                    add_header Strict-Transport-Security "max-age=31536000" always;
                    return 429 '{"type":"urn:actorscale:error:TooManyRequests","title":"Too Many Requests","status":429,"detail":"too many requests from this address: retry after the time given","code":"TooManyRequests"}';
                }
                location @actorscale_431 {
                    default_type application/problem+json;
                    return 431 '{"type":"urn:actorscale:error:HeadersTooLarge","title":"Request Header Fields Too Large","status":431,"detail":"the request headers are larger than this API accepts","code":"HeadersTooLarge"}';
                }
                location @actorscale_503 {
                    default_type application/problem+json;
                    add_header Retry-After 1 always;
                    add_header Strict-Transport-Security "max-age=31536000" always;
                    return 503 '{"type":"urn:actorscale:error:Unavailable","title":"Service Unavailable","status":503,"detail":"the service could not serve the request in time: retry (a mutation with the same Idempotency-Key)","code":"Unavailable"}';
                }

        """;

    /// <summary>The answers the edge may keep: the catalog and the OpenAPI document, the same for every caller.</summary>
    public static readonly IReadOnlyList<string> PublicPaths = ["/api/catalog", "/openapi/v1.json"];

    /// <summary>
    /// The edge's cache of public answers (in the <c>http</c> block): <paramref name="folder"/> holds it; at most 16 MB,
    /// an entry unused for a day is dropped.
    /// </summary>
    public static string CacheZone(string folder) =>
        $"    proxy_cache_path \"{folder}\" levels=1:2 keys_zone=actorscale_public:1m max_size=16m inactive=1d use_temp_path=off;\n";

    /// <summary>
    /// In the <c>server</c> block: <c>X-Cache-Status</c> says whether the edge answered (HIT, STALE, UPDATING,
    /// REVALIDATED) or a silo did (MISS, EXPIRED, BYPASS), as CDNs do; answers that cannot be cached carry none (nginx
    /// leaves out a header whose value is empty). At the server level, not in the cached locations: a location's own
    /// <c>add_header</c> would drop the server's (HSTS).
    /// </summary>
    public const string CacheStatus = "        add_header X-Cache-Status $upstream_cache_status always;\n";

    /// <summary>
    /// In the location of each of <see cref="PublicPaths"/> only, so no other answer is ever stored: cached for as long
    /// as the silo's <c>Cache-Control: max-age</c> says, one key for every caller (the content is public; the
    /// <c>Authorization</c> header plays no part), revalidated with the silo's <c>ETag</c>, one request at a time to
    /// the silos when it expires, and served stale while no silo answers (all down, or 5xx). <see cref="CacheStatus"/> says
    /// which answers came from it.
    /// </summary>
    public const string PublicCache = """
                    proxy_cache actorscale_public;
                    proxy_cache_key $scheme$host$uri$is_args$args;
                    proxy_cache_revalidate on;
                    proxy_cache_lock on;
                    proxy_cache_background_update on;
                    proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;

        """;
}
