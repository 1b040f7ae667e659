using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Storage;

namespace Site.Blazor.Media;

/// <summary>
/// Serves the local media folder at <c>/media/</c> when media is stored locally: public objects to anyone, private
/// objects only with a valid, unexpired signature. Everything else is the same 404, so a private object's existence
/// is never revealed.
/// </summary>
public static class LocalMediaEndpoints
{
    public static IEndpointRouteBuilder MapLocalMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(LocalFolderStorage.UrlPrefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(
        string key,
        long? expires,
        string? sig,
        IOptions<StorageOptions> options,
        LocalFolderStorage storage,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (options.Value.Kind != StorageKind.Local || storage.FindFile(key) is not { } file)
        {
            return Results.NotFound();
        }

        var info = await storage.GetInfoAsync(key, cancellationToken);
        if (info is null)
        {
            return Results.NotFound();
        }

        if (info.Visibility == ObjectVisibility.Private)
        {
            if (expires is null || !storage.IsSignatureValid(key, expires.Value, sig))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "private, no-store";
        }
        else
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
        }

        return Results.File(file.FullName, info.ContentType, enableRangeProcessing: true, lastModified: info.LastModified);
    }
}
