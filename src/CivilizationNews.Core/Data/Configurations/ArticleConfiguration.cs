using CivilizationNews.Core.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilizationNews.Core.Data.Configurations;

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Kicker).HasMaxLength(200);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Subtitle).HasMaxLength(300);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.Property(a => a.Dateline).HasMaxLength(200);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.AuthorId).HasMaxLength(450);
        builder.HasIndex(a => new { a.Status, a.PublishedAt });
        builder.HasIndex(a => new { a.Status, a.ScheduledAt });
        builder.HasIndex(a => a.PublishClaim);
        builder.HasIndex(a => a.AuthorId);
        builder.HasIndex(a => new { a.SectionId, a.Status, a.PublishedAt });
        builder.HasIndex(a => new { a.EditionPageId, a.PageOrder });
        builder.HasOne(a => a.Section).WithMany(s => s.Articles).HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.EditionPage).WithMany(p => p.Articles).HasForeignKey(a => a.EditionPageId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ArticleUnitConfiguration : IEntityTypeConfiguration<ArticleUnit>
{
    public void Configure(EntityTypeBuilder<ArticleUnit> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.UnitId });
        builder.HasIndex(x => x.UnitId);
        builder.HasOne(x => x.Article).WithMany(a => a.Units).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Unit).WithMany(u => u.Articles).HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ArticleCreditConfiguration : IEntityTypeConfiguration<ArticleCredit>
{
    public void Configure(EntityTypeBuilder<ArticleCredit> builder)
    {
        builder.HasIndex(x => new { x.ArticleId, x.SortOrder });
        builder.HasIndex(x => x.ContributorId);
        builder.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasOne(x => x.Article).WithMany(a => a.Credits).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Contributor).WithMany(c => c.Credits).HasForeignKey(x => x.ContributorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ArticlePhotoConfiguration : IEntityTypeConfiguration<ArticlePhoto>
{
    public void Configure(EntityTypeBuilder<ArticlePhoto> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.MediaId });
        builder.HasIndex(x => x.MediaId);
        builder.HasOne(x => x.Article).WithMany(a => a.Photos).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Media).WithMany().HasForeignKey(x => x.MediaId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.TagId });
        builder.HasIndex(x => x.TagId);
        builder.HasOne(x => x.Article).WithMany(a => a.Tags).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Tag).WithMany(t => t.Articles).HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class KeyFigureConfiguration : IEntityTypeConfiguration<KeyFigure>
{
    public void Configure(EntityTypeBuilder<KeyFigure> builder)
    {
        builder.Property(x => x.Label).HasMaxLength(200);
        builder.Property(x => x.Value).HasMaxLength(50);
        builder.Property(x => x.Measure).HasMaxLength(20);
        builder.Property(x => x.SourceText).HasMaxLength(500);
        builder.Ignore(x => x.Display);
        builder.HasIndex(x => new { x.ArticleId, x.SortOrder });
        builder.HasOne(x => x.Article).WithMany(a => a.KeyFigures).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArticleCorrectionConfiguration : IEntityTypeConfiguration<ArticleCorrection>
{
    public void Configure(EntityTypeBuilder<ArticleCorrection> builder)
    {
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.UserName).HasMaxLength(100);
        builder.Property(x => x.Wrong).HasMaxLength(ArticleCorrection.TextMaxLength);
        builder.Property(x => x.Right).HasMaxLength(ArticleCorrection.TextMaxLength);
        // The /corrections page lists them newest first; a story page reads its own in order.
        builder.HasIndex(x => x.CreatedAt);
        builder.HasIndex(x => new { x.ArticleId, x.CreatedAt });
        builder.HasOne(x => x.Article).WithMany(a => a.Corrections).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // Revisions go with their story (cascade from Article); SQL Server refuses a second cascade path, so these only point.
        builder.HasOne(x => x.BeforeRevision).WithMany().HasForeignKey(x => x.BeforeRevisionId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(x => x.Revision).WithMany().HasForeignKey(x => x.RevisionId).OnDelete(DeleteBehavior.NoAction);
    }
}
