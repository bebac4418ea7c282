using System.ComponentModel.DataAnnotations;

namespace ActorScale.Http.Limits;

/// <summary>
/// What one request may carry on a server's HTTP port (silo and baseline alike); bound from <c>ActorScale:HttpLimits</c>.
/// The API's largest body is register/login (a 64-character user id and a 256-character password: under 400 bytes of
/// JSON) and its largest header a bearer token (a JWT of the baseline: under 1 KB), so each default leaves several
/// times that and still refuses megabytes early. Kestrel's own defaults (about 28 MB of body, 32 KB of headers) are
/// sized for uploads, not for this API.
/// </summary>
public sealed class HttpLimitsOptions
{
    public const string Section = "ActorScale:HttpLimits";

    /// <summary>The largest request body in bytes; a larger one is <c>413 PayloadTooLarge</c>. Default 4096.</summary>
    [Range(512, 1024 * 1024)]
    public long MaxRequestBodySize { get; set; } = 4096;

    /// <summary>
    /// The largest total size of a request's headers in bytes; Kestrel refuses more with a bare 431 before any middleware
    /// runs (nginx in front answers first, with problem+json). Default 8192.
    /// </summary>
    [Range(1024, 64 * 1024)]
    public int MaxRequestHeadersTotalSize { get; set; } = 8192;

    /// <summary>The most headers one request may have; Kestrel refuses more with a bare 431. Default 32.</summary>
    [Range(8, 100)]
    public int MaxRequestHeaderCount { get; set; } = 32;

    /// <summary>The longest request line (method, path, query, version) in bytes; Kestrel refuses more with a bare 414. Default 2048.</summary>
    [Range(256, 8192)]
    public int MaxRequestLineSize { get; set; } = 2048;
}
