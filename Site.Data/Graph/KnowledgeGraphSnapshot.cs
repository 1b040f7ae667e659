using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Site.Data.Graph;

/// <summary>
/// A version of the graph, recorded by the rebuild job when its content hash changes: the history of the graph's size,
/// and the key of its screenshot once one was taken.
/// </summary>
public sealed class KnowledgeGraphSnapshot
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the graph's nodes and edges (<see cref="Domain.Graph.KnowledgeGraph.ContentHash"/>).</summary>
    public required string Hash { get; set; }

    public int NodeCount { get; set; }

    public int EdgeCount { get; set; }

    public DateTimeOffset BuiltAt { get; set; }

    /// <summary>Object storage key of the PNG of this version, once the screenshot job made it.</summary>
    public string? ScreenshotKey { get; set; }

    public DateTimeOffset? ScreenshotAt { get; set; }
}

internal sealed class KnowledgeGraphSnapshotConfiguration : IEntityTypeConfiguration<KnowledgeGraphSnapshot>
{
    public void Configure(EntityTypeBuilder<KnowledgeGraphSnapshot> builder)
    {
        builder.ToTable("knowledge_graph_snapshots");
        builder.Property(s => s.Hash).HasMaxLength(64);
        builder.Property(s => s.ScreenshotKey).HasMaxLength(300);
        builder.HasIndex(s => s.Hash).IsUnique();
        builder.HasIndex(s => s.BuiltAt);
    }
}
