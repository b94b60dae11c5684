using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilizationNews.Core.Data.Configurations;

public sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.Property(x => x.AltText).HasMaxLength(300);
        builder.Property(x => x.Caption).HasMaxLength(1000);
        builder.Property(x => x.CreditText).HasMaxLength(100);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.Property(x => x.CreditKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne(x => x.CreditContributor).WithMany().HasForeignKey(x => x.CreditContributorId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(32);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.HasIndex(x => new { x.MediaId, x.Name }).IsUnique();
        builder.HasOne(x => x.Media).WithMany(m => m.Variants).HasForeignKey(x => x.MediaId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EditionConfiguration : IEntityTypeConfiguration<Edition>
{
    public void Configure(EntityTypeBuilder<Edition> builder)
    {
        builder.HasIndex(x => x.Date).IsUnique();
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasMany(x => x.Pages).WithOne(p => p.Edition).HasForeignKey(p => p.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EditionPageConfiguration : IEntityTypeConfiguration<EditionPage>
{
    public void Configure(EntityTypeBuilder<EditionPage> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(50);
        builder.HasIndex(x => new { x.EditionId, x.Number }).IsUnique();
        builder.HasMany(x => x.Regions).WithOne(r => r.EditionPage).HasForeignKey(r => r.EditionPageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PageFacsimileConfiguration : IEntityTypeConfiguration<PageFacsimile>
{
    public void Configure(EntityTypeBuilder<PageFacsimile> builder)
    {
        builder.Property(x => x.PageName).HasMaxLength(50);
        builder.Property(x => x.FileName).HasMaxLength(260);
        builder.Property(x => x.UploadedBy).HasMaxLength(100);
        builder.Property(x => x.ImageSource).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Note).HasMaxLength(500);
        builder.HasIndex(x => new { x.Status, x.UploadedAt });
        builder.HasIndex(x => x.UploadKey).IsUnique();
        // One facsimile per edition page; a page uploaded again replaces it.
        builder.HasIndex(x => x.EditionPageId).IsUnique();
        builder.HasOne(x => x.EditionPage).WithOne().HasForeignKey<PageFacsimile>(x => x.EditionPageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Images).WithOne(i => i.Facsimile).HasForeignKey(i => i.FacsimileId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PageFacsimileImageConfiguration : IEntityTypeConfiguration<PageFacsimileImage>
{
    public void Configure(EntityTypeBuilder<PageFacsimileImage> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(32);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.HasIndex(x => new { x.FacsimileId, x.Name }).IsUnique();
    }
}

public sealed class EditionPageRegionConfiguration : IEntityTypeConfiguration<EditionPageRegion>
{
    public void Configure(EntityTypeBuilder<EditionPageRegion> builder)
    {
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(x => new { x.EditionPageId, x.Order });
        builder.HasIndex(x => x.ArticleId);
        // No cascade from the article (SQL Server refuses a second cascade path): a deleted story leaves an unlinked region.
        builder.HasOne(x => x.Article).WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}

public sealed class FeatureConfiguration : IEntityTypeConfiguration<Feature>
{
    public void Configure(EntityTypeBuilder<Feature> builder)
    {
        builder.Property(x => x.Slug).HasMaxLength(100);
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Summary).HasMaxLength(1000);
        builder.Property(x => x.BylineLabel).HasMaxLength(50);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.Slug).IsUnique();
        builder.HasIndex(x => x.LeadArticleId);
        builder.HasIndex(x => new { x.IsPublished, x.PublishedAt });
        builder.HasOne(x => x.LeadArticle).WithMany().HasForeignKey(x => x.LeadArticleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(x => x.EditionPage).WithMany().HasForeignKey(x => x.EditionPageId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class FeatureSidebarConfiguration : IEntityTypeConfiguration<FeatureSidebar>
{
    public void Configure(EntityTypeBuilder<FeatureSidebar> builder)
    {
        builder.HasKey(x => new { x.FeatureId, x.ArticleId });
        builder.HasIndex(x => x.ArticleId);
        builder.HasOne(x => x.Feature).WithMany(f => f.Sidebars).HasForeignKey(x => x.FeatureId).OnDelete(DeleteBehavior.Cascade);
        // No cascade from the article: SQL Server refuses two cascade paths into one table.
        builder.HasOne(x => x.Article).WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FeaturePhotoConfiguration : IEntityTypeConfiguration<FeaturePhoto>
{
    public void Configure(EntityTypeBuilder<FeaturePhoto> builder)
    {
        builder.HasKey(x => new { x.FeatureId, x.MediaId });
        builder.HasIndex(x => x.MediaId);
        builder.HasOne(x => x.Feature).WithMany(f => f.Photos).HasForeignKey(x => x.FeatureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Media).WithMany().HasForeignKey(x => x.MediaId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FeatureBylineConfiguration : IEntityTypeConfiguration<FeatureByline>
{
    public void Configure(EntityTypeBuilder<FeatureByline> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(50);
        builder.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(x => new { x.FeatureId, x.SortOrder });
        builder.HasOne(x => x.Feature).WithMany(f => f.Byline).HasForeignKey(x => x.FeatureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Contributor).WithMany().HasForeignKey(x => x.ContributorId).OnDelete(DeleteBehavior.SetNull);
    }
}
