namespace AiLiteracy.Hr.Bridge;

/// <summary>Where the HR bridge is and how hard to try. Every default is documented; the defaults suit an HR system on a LAN.</summary>
public sealed class HrBridgeOptions
{
    /// <summary>The base address of the bridge, e.g. <c>https://sirh.example.fr/ai-literacy/v1/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API key sent as <c>X-Api-Key</c>, when the bridge needs one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Timeout of one attempt. Default: 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of a call, retries included. Default: 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after a failed attempt (429, 5xx, 408, network error, attempt timeout). Default: 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Delay before the first retry; it grows exponentially with jitter. A <c>Retry-After</c> header wins. Default: 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one fails the call (the next run resumes). Default: 2 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of failed calls over <see cref="BreakSamplingDuration"/> that opens the circuit. Default: 0.5.</summary>
    public double BreakFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the circuit may open. Default: 20.</summary>
    public int BreakMinimumThroughput { get; set; } = 20;

    /// <summary>Sampling window of the circuit breaker. Default: 30 seconds.</summary>
    public TimeSpan BreakSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open. Default: 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Agents asked per page. Default: 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Checks the options.</summary>
    /// <returns>The problems found, empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("HrBridge:BaseAddress must be an absolute http(s) URL.");
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            problems.Add("HrBridge:AttemptTimeout must be positive and not above TotalTimeout.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            problems.Add("HrBridge:MaxRetries must be between 0 and 20.");
        }

        if (PageSize is < 1 or > 1000)
        {
            problems.Add("HrBridge:PageSize must be between 1 and 1000.");
        }

        if (BreakFailureRatio is <= 0 or > 1 || BreakMinimumThroughput < 2)
        {
            problems.Add("HrBridge:BreakFailureRatio must be in (0, 1] and BreakMinimumThroughput at least 2.");
        }

        return problems;
    }
}

/// <summary>A call to the HR bridge failed after its retries; nothing past the last acknowledged record is considered sent.</summary>
public sealed class HrBridgeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HrBridgeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public HrBridgeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HrBridgeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The last HTTP status, when there was a response.</param>
    /// <param name="innerException">The cause.</param>
    public HrBridgeException(string message, int? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The last HTTP status, when there was a response.</summary>
    public int? StatusCode { get; }
}
