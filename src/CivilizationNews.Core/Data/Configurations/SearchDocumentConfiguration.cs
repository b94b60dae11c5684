using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilizationNews.Core.Data.Configurations;

public sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable("SearchDocuments");
        builder.HasKey(d => d.ArticleId);
        builder.Property(d => d.ArticleId).ValueGeneratedNever().HasColumnOrder(0);
        // Small filter columns first: SQLite reads a row's columns in order, and the text is long.
        builder.Property(d => d.PublishedAt).HasColumnOrder(1);
        builder.Property(d => d.SectionId).HasColumnOrder(2);
        builder.Property(d => d.EditionDate).HasColumnOrder(3);
        builder.Property(d => d.Title).HasMaxLength(200).HasColumnOrder(4);
        builder.Property(d => d.Kicker).HasMaxLength(200).HasColumnOrder(5);
        builder.Property(d => d.Subtitle).HasMaxLength(300).HasColumnOrder(6);
        builder.Property(d => d.Summary).HasMaxLength(1000).HasColumnOrder(7);
        builder.Property(d => d.UnitNames).HasMaxLength(4000).HasColumnOrder(8);
        builder.Property(d => d.Captions).HasColumnOrder(9);
        builder.Property(d => d.Body).HasColumnOrder(10);
        // Covers the join from the full-text match to the filters without reading the long text.
        builder.HasIndex(d => new { d.ArticleId, d.PublishedAt, d.SectionId, d.EditionDate }).HasDatabaseName("IX_SearchDocuments_Filters");
        builder.HasOne<Article>().WithOne().HasForeignKey<SearchDocument>(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
