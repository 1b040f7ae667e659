using Microsoft.AspNetCore.Antiforgery;

namespace Site.Blazor.Blog;

/// <summary>
/// Keeps antiforgery out of reader pages. Blazor asks for tokens on every page it renders, and storing them sets a
/// cookie and "no-store" on the response, which would make every public page uncacheable and hand every anonymous
/// reader a cookie. So anonymous readers of a reader page get no token at all; every other page (admin, account, the
/// comment page) gets the real thing, and so do signed-in readers, whose pages are never cached and who vote and
/// delete with forms. The comment form of a cached post page fetches its token when it is sent (see CommentEndpoints). The real service is made on first use, not when the pipeline is built, so its
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
        HttpMethods.IsGet(context.Request.Method)
        && context.User.Identity?.IsAuthenticated != true
        && context.GetEndpoint()?.Metadata.GetMetadata<ReaderPageAttribute>() is { IssuesAntiforgeryTokens: false };

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
