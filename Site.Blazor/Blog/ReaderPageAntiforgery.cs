using Microsoft.AspNetCore.Antiforgery;

namespace Site.Blazor.Blog;

/// <summary>
/// Keeps antiforgery out of reader pages. Blazor asks for tokens on every page it renders, and storing them sets a
/// cookie and "no-store" on the response, which would make every public page uncacheable and hand every anonymous
/// reader a cookie. Reader pages hold no forms, so for them no token is made at all; every other page (admin,
/// account) gets the real thing. The real service is made on first use, not when the pipeline is built, so its
/// dependencies (Data Protection, and the settings behind it) are checked where the host reports bad settings.
/// </summary>
public sealed class ReaderPageAntiforgery(Func<IAntiforgery> createInner) : IAntiforgery
{
    private readonly Lazy<IAntiforgery> _inner = new(createInner);

    private IAntiforgery Inner => _inner.Value;

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        IsReaderPage(httpContext) ? new AntiforgeryTokenSet(null, null, "__RequestVerificationToken", null) : Inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => Inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => Inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => Inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => Inner.SetCookieTokenAndHeader(httpContext);

    private static bool IsReaderPage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<ReaderPageAttribute>() is not null;

    /// <summary>Wraps the antiforgery service already registered (call after AddRazorComponents).</summary>
    public static IServiceCollection Decorate(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("Antiforgery must be registered (AddRazorComponents) before the reader pages wrap it.");
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(sp => new ReaderPageAntiforgery(() =>
            (IAntiforgery)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
        return services;
    }
}
