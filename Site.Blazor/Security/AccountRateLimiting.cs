using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;

namespace Site.Blazor.Security;

/// <summary>
/// Marks a page whose form submission is a login or password-reset attempt. Such POSTs are rate limited per client
/// address, and per account when <see cref="AccountField"/> names the form field holding the email.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LimitAccountAttemptsAttribute(string? accountField = null) : Attribute
{
    public string? AccountField { get; } = accountField;
}

/// <summary>
/// Slows down password guessing and reset-mail flooding with the ASP.NET Core rate limiter: a fixed window per
/// minute per client address and per account, answering 429 with Retry-After. Identity's lockout adds the long stop.
/// </summary>
public static class AccountRateLimiting
{
    /// <summary>Longer keys are cut: the partition key must stay small whatever a client posts.</summary>
    private const int MaxAccountKeyLength = 320;

    public static IServiceCollection AddAccountRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AccountOptions>>((limiter, accounts) =>
        {
            var settings = accounts.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => AttemptOf(context) is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : PerMinute("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), settings.AttemptsPerMinutePerAddress)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => AttemptOf(context) is { AccountField: { } field } && AccountKey(context, field) is { } account
                    ? PerMinute("account:" + account, settings.AttemptsPerMinutePerAccount)
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Place after routing (the limits are endpoint metadata) and before authentication.</summary>
    public static IApplicationBuilder UseAccountRateLimiting(this IApplicationBuilder app)
    {
        // The limiter decides synchronously; read the form here, asynchronously, so the email is buffered by then.
        app.Use(async (context, next) =>
        {
            if (AttemptOf(context) is { AccountField: not null } && context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (InvalidDataException ex)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsync("The form could not be read: " + ex.Message, context.RequestAborted);
                    return;
                }
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static LimitAccountAttemptsAttribute? AttemptOf(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? context.GetEndpoint()?.Metadata.GetMetadata<LimitAccountAttemptsAttribute>()
            : null;

    private static string? AccountKey(HttpContext context, string field)
    {
        if (!context.Request.HasFormContentType || !context.Request.Form.TryGetValue(field, out var value))
        {
            return null;
        }

        var key = value.ToString().Trim().ToUpperInvariant();
        return key.Length == 0 ? null : key[..Math.Min(key.Length, MaxAccountKeyLength)];
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync($"Too many attempts. Wait {seconds} seconds, then try again.", cancellationToken);
    }
}
