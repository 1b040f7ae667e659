using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Jobs;

namespace Site.Data.Graph;

/// <summary>
/// The 6-hourly rebuild (schedule <c>knowledge-graph-rebuild</c>): builds the graph from the database and records a
/// snapshot when its hash is new, with a screenshot job for it. Web hosts drop their cached graph on every content change by themselves; this job
/// keeps the history and notices a changed graph even when no sync ran on this machine.
/// </summary>
public sealed record RebuildKnowledgeGraph : IJob
{
    public static JobDefinition Definition { get; } = new("graph.rebuild", JobQueues.Default)
    {
        Timeout = TimeSpan.FromMinutes(5),
    };
}

/// <summary>Runs <see cref="RebuildKnowledgeGraph"/>.</summary>
public sealed class RebuildKnowledgeGraphHandler(
    KnowledgeGraphSource source,
    IDbContextFactory<SiteDbContext> dbFactory,
    TimeProvider clock,
    ILogger<RebuildKnowledgeGraphHandler> logger) : IJobHandler<RebuildKnowledgeGraph>
{
    public async Task RunAsync(RebuildKnowledgeGraph job, JobRunContext context, CancellationToken cancellationToken)
    {
        var graph = await source.BuildAsync(cancellationToken);
        var hash = graph.ContentHash();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<KnowledgeGraphSnapshot>().AnyAsync(s => s.Hash == hash, cancellationToken))
        {
            logger.LogInformation("Knowledge graph unchanged ({Nodes} posts, {Edges} links)", graph.Nodes.Count, graph.Edges.Count);
            return;
        }

        // The new version and the job that photographs it commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new KnowledgeGraphSnapshot { Hash = hash, NodeCount = graph.Nodes.Count, EdgeCount = graph.Edges.Count, BuiltAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await JobQueue.EnqueueAsync(db, new TakeKnowledgeGraphScreenshot(), new JobEnqueueOptions { IdempotencyKey = "graph-screenshot" }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Knowledge graph changed: {Nodes} posts, {Edges} links, hash {Hash}", graph.Nodes.Count, graph.Edges.Count, hash);
    }
}
