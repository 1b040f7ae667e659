using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;

namespace Site.Data.Content;

/// <summary>
/// The PostgreSQL notification channel that says "public content changed". The sync sends it inside its transaction,
/// so it is delivered only when the change is committed, to every process listening — whichever host ran the sync.
/// </summary>
public static class ContentChanges
{
    public const string Channel = "site_content_changed";

    public static Task NotifyAsync(SiteDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, '')", cancellationToken);
}
