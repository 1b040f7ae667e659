using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>How many rows of one kind the index holds, and when one of them was last written.</summary>
public sealed record SearchIndexKindCount(SearchKind Kind, int Public, int Private, DateTimeOffset? LastIndexedAt);

/// <summary>A rebuild waiting or running now (and the rows it has written so far), and how the last ones ended.</summary>
public sealed record SearchRebuildState(long? ActiveJobId, JobStatus? ActiveStatus, DateTimeOffset? RunningSince, int WrittenSoFar, IReadOnlyList<JobRun> RecentRuns);

/// <summary>The admin's view of the index: its size per kind, the rebuild in progress, and "rebuild now".</summary>
public sealed class SearchIndexStatus(IDbContextFactory<SiteDbContext> dbFactory)
{
    public async Task<IReadOnlyList<SearchIndexKindCount>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<SearchDocument>().AsNoTracking()
            .GroupBy(d => d.Kind)
            .Select(g => new { Kind = g.Key, Public = g.Count(d => !d.IsPrivate), Private = g.Count(d => d.IsPrivate), Last = g.Max(d => (DateTimeOffset?)d.IndexedAt) })
            .ToListAsync(cancellationToken);
        return [.. SearchKind.All.Select(kind => rows.FirstOrDefault(r => r.Kind == kind.Name) is { } row
            ? new SearchIndexKindCount(kind, row.Public, row.Private, row.Last)
            : new SearchIndexKindCount(kind, 0, 0, null))];
    }

    public async Task<SearchRebuildState> RebuildStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var type = RebuildSearchIndex.Definition.Type;
        var active = await db.Jobs.AsNoTracking()
            .Where(j => j.Type == type && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
            .OrderBy(j => j.Id).Select(j => new { j.Id, j.Status }).FirstOrDefaultAsync(cancellationToken);
        var runs = await db.JobRuns.AsNoTracking().Where(r => r.JobType == type).OrderByDescending(r => r.StartedAt).Take(5).ToListAsync(cancellationToken);
        var running = runs.FirstOrDefault(r => r.Outcome == JobRunOutcome.Running && r.JobId == active?.Id);
        var written = running is null ? 0 : await db.Set<SearchDocument>().CountAsync(d => d.IndexedAt >= running.StartedAt, cancellationToken);
        return new SearchRebuildState(active?.Id, active?.Status, running?.StartedAt, written, runs);
    }

    /// <summary>Queues a full rebuild in the jobs host; while one is queued or running, asking again changes nothing.</summary>
    public async Task<EnqueuedJob> RequestRebuildAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await JobQueue.EnqueueAsync(db, new RebuildSearchIndex(), new JobEnqueueOptions { IdempotencyKey = RebuildSearchIndex.AdminKey }, cancellationToken);
    }
}
