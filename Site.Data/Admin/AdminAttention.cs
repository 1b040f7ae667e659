using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Site.Data.Admin;

[JsonConverter(typeof(JsonStringEnumConverter<AttentionLevel>))]
public enum AttentionLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>One thing the admin should look at, with where to go to deal with it.</summary>
public sealed record AdminAttentionItem(string Title, string Detail, AttentionLevel Level, string? Link = null);

/// <summary>
/// A feature's contribution to the admin dashboard's "needs attention" list (pending comments, failed jobs, content
/// errors…). Each feature implements it once and registers it with <see cref="AdminAttention.AddAdminAttentionSource{T}"/>.
/// </summary>
public interface IAdminAttentionSource
{
    /// <summary>What the list calls this source when it cannot be checked.</summary>
    string Name { get; }

    Task<IReadOnlyList<AdminAttentionItem>> GetItemsAsync(CancellationToken cancellationToken);
}

public static class AdminAttention
{
    public static IServiceCollection AddAdminAttentionSource<T>(this IServiceCollection services)
        where T : class, IAdminAttentionSource =>
        services.AddScoped<IAdminAttentionSource, T>();
}
