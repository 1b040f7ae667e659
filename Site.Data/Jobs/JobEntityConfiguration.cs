using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Site.Data.Jobs;

internal sealed class JobEntityConfiguration : IEntityTypeConfiguration<Job>, IEntityTypeConfiguration<JobRun>, IEntityTypeConfiguration<JobSchedule>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Type).HasMaxLength(JobRequest.MaxTypeLength);
        builder.Property(j => j.Queue).HasMaxLength(50);
        builder.Property(j => j.Payload).HasColumnType("jsonb");
        builder.Property(j => j.Status).HasMaxLength(20).HasConversion(new SnakeCaseEnumConverter<JobStatus>());
        builder.Property(j => j.DebounceKey).HasMaxLength(JobEnqueueOptions.MaxKeyLength);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(JobEnqueueOptions.MaxKeyLength);
        builder.Property(j => j.LockedBy).HasMaxLength(200);

        // Claims read due jobs of one queue in run order; the partial index holds only what can be claimed.
        builder.HasIndex(j => new { j.Queue, j.RunAt, j.Id }).HasFilter("status = 'pending'").HasDatabaseName("ix_jobs_claimable");
        // Reclaiming looks for expired leases among running jobs only.
        builder.HasIndex(j => j.LockedUntil).HasFilter("status = 'running'").HasDatabaseName("ix_jobs_leases");
        builder.HasIndex(j => j.RunId).IsUnique();
        builder.HasIndex(j => new { j.Status, j.FinishedAt });
        builder.HasIndex(j => new { j.Type, j.DebounceKey }).IsUnique().HasFilter("status = 'pending'")
            .HasDatabaseName("ix_jobs_debounce");
        builder.HasIndex(j => new { j.Type, j.IdempotencyKey }).IsUnique().HasFilter("status IN ('pending', 'running')")
            .HasDatabaseName("ix_jobs_idempotency");
    }

    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.JobType).HasMaxLength(JobRequest.MaxTypeLength);
        builder.Property(r => r.Queue).HasMaxLength(50);
        builder.Property(r => r.Arguments).HasColumnType("jsonb");
        builder.Property(r => r.Host).HasMaxLength(200);
        builder.Property(r => r.Outcome).HasMaxLength(20).HasConversion(new SnakeCaseEnumConverter<JobRunOutcome>());
        builder.HasIndex(r => r.StartedAt);
        builder.HasIndex(r => r.JobId);
        builder.HasIndex(r => new { r.JobType, r.StartedAt });
    }

    public void Configure(EntityTypeBuilder<JobSchedule> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Description).HasMaxLength(500);
        builder.Property(s => s.JobType).HasMaxLength(JobRequest.MaxTypeLength);
        builder.Property(s => s.Queue).HasMaxLength(50);
        builder.Property(s => s.Arguments).HasColumnType("jsonb");
        builder.Property(s => s.Cron).HasMaxLength(Domain.Jobs.CronRecurrence.MaxExpressionLength);
        builder.Property(s => s.TimeZone).HasMaxLength(100);
    }

    /// <summary>Enum values as snake_case words, readable in SQL and in the database itself.</summary>
    private sealed class SnakeCaseEnumConverter<T>() : ValueConverter<T, string>(
        value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()),
        text => Enum.Parse<T>(text.Replace("_", ""), true))
        where T : struct, Enum;
}
