using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Precheck;
using CivilizationNews.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilizationNews.Core.Data.Configurations;

public sealed class NewsUserConfiguration : IEntityTypeConfiguration<NewsUser>
{
    public void Configure(EntityTypeBuilder<NewsUser> builder)
    {
        builder.Property(x => x.DisplayName).HasMaxLength(50);
        builder.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Contributor>().WithMany().HasForeignKey(x => x.ContributorId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> builder)
    {
        builder.Property(x => x.TokenHash).HasMaxLength(64);
        builder.HasIndex(x => x.TokenHash).IsUnique();
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.UserName).HasMaxLength(100);
        builder.Property(x => x.Action).HasMaxLength(64);
        builder.Property(x => x.EntityType).HasMaxLength(64);
        builder.Property(x => x.EntityId).HasMaxLength(64);
        builder.Property(x => x.Details).HasMaxLength(2000);
        builder.Property(x => x.IpAddress).HasMaxLength(64);
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}

public sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.UserName).HasMaxLength(100);
        builder.Property(x => x.Note).HasMaxLength(200);
        builder.Property(x => x.Kicker).HasMaxLength(200);
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Subtitle).HasMaxLength(300);
        builder.Property(x => x.Summary).HasMaxLength(1000);
        builder.Property(x => x.Dateline).HasMaxLength(200);
        builder.HasIndex(x => new { x.ArticleId, x.CreatedAt });
        builder.HasOne(x => x.Article).WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArticleTransitionConfiguration : IEntityTypeConfiguration<ArticleTransition>
{
    public void Configure(EntityTypeBuilder<ArticleTransition> builder)
    {
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.UserName).HasMaxLength(100);
        builder.Property(x => x.Reason).HasMaxLength(1000);
        builder.Property(x => x.AcknowledgedWarnings).HasMaxLength(2000);
        builder.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(x => new { x.ArticleId, x.At });
        builder.HasOne(x => x.Article).WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArticleEditPresenceConfiguration : IEntityTypeConfiguration<ArticleEditPresence>
{
    public void Configure(EntityTypeBuilder<ArticleEditPresence> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.UserId });
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.UserName).HasMaxLength(100);
        builder.HasOne<Articles.Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SensitiveWordConfiguration : IEntityTypeConfiguration<SensitiveWord>
{
    public void Configure(EntityTypeBuilder<SensitiveWord> builder)
    {
        builder.Property(x => x.Word).HasMaxLength(SensitiveWord.WordMaxLength);
        builder.HasIndex(x => x.Word).IsUnique();
        builder.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Note).HasMaxLength(SensitiveWord.NoteMaxLength);
        builder.Property(x => x.CreatedBy).HasMaxLength(100);
    }
}
