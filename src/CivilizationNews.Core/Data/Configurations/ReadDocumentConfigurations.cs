using CivilizationNews.Core.Reading.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilizationNews.Core.Data.Configurations;

internal sealed class StoryDocumentConfiguration : IEntityTypeConfiguration<StoryDocument>
{
    public void Configure(EntityTypeBuilder<StoryDocument> builder)
    {
        builder.HasKey(d => d.ArticleId);
        builder.Property(d => d.ArticleId).ValueGeneratedNever();
        builder.Property(d => d.Json).IsRequired();
        // Saving a story deletes the documents that link to it as previous or next.
        builder.HasIndex(d => d.PreviousId);
        builder.HasIndex(d => d.NextId);
    }
}

internal sealed class ReadGenerationConfiguration : IEntityTypeConfiguration<ReadGeneration>
{
    public void Configure(EntityTypeBuilder<ReadGeneration> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.HasData(new ReadGeneration { Id = ReadGenerations.Row, Value = 0 });
    }
}

internal sealed class PageDocumentConfiguration : IEntityTypeConfiguration<PageDocument>
{
    public void Configure(EntityTypeBuilder<PageDocument> builder)
    {
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Key).HasMaxLength(PageDocuments.MaxKeyLength);
        builder.Property(d => d.Json).IsRequired();
        builder.HasMany(d => d.Tags).WithOne().HasForeignKey(t => t.Key).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PageDocumentTagConfiguration : IEntityTypeConfiguration<PageDocumentTag>
{
    public void Configure(EntityTypeBuilder<PageDocumentTag> builder)
    {
        // A save looks the documents up by tag.
        builder.HasKey(t => new { t.Tag, t.Key });
        builder.Property(t => t.Tag).HasMaxLength(PageDocuments.MaxTagLength);
        builder.Property(t => t.Key).HasMaxLength(PageDocuments.MaxKeyLength);
    }
}
