using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilizationNews.Core.Data.Configurations;

public sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.Property(x => x.Slug).HasMaxLength(64);
        builder.Property(x => x.Name).HasMaxLength(50);
        builder.Property(x => x.Description).HasMaxLength(500);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.Slug).IsUnique();
    }
}

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(50);
        builder.HasIndex(x => x.Name).IsUnique();
    }
}

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.Property(x => x.Slug).HasMaxLength(64);
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.ShortName).HasMaxLength(50);
        builder.Property(x => x.IndustrySystem).HasMaxLength(50);
        builder.Property(x => x.Address).HasMaxLength(200);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.Slug).IsUnique();
        builder.HasMany(x => x.Honours).WithOne().HasForeignKey(h => h.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UnitHonourConfiguration : IEntityTypeConfiguration<UnitHonour>
{
    public void Configure(EntityTypeBuilder<UnitHonour> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.HasIndex(x => new { x.UnitId, x.Year });
    }
}

public sealed class ContributorConfiguration : IEntityTypeConfiguration<Contributor>
{
    public void Configure(EntityTypeBuilder<Contributor> builder)
    {
        builder.Property(x => x.Slug).HasMaxLength(64);
        builder.Property(x => x.Name).HasMaxLength(50);
        builder.Property(x => x.Organisation).HasMaxLength(100);
        builder.Property(x => x.UsualRole).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.Slug).IsUnique();
    }
}
