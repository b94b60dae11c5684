using CivilizationNews.Core.Search;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Units;

namespace CivilizationNews.Core.Tests.Search;

public sealed class SearchFilterReaderTests
{
    [Fact]
    public async Task Sections_come_in_site_order_and_units_by_name()
    {
        var ct = TestContext.Current.CancellationToken;
        using var fixture = await NewsroomFixture.CreateAsync();
        await using (var db = fixture.Context())
        {
            db.Sections.Add(new Section { Slug = "yaowen", Name = "要闻", SortOrder = 0 });
            db.Units.Add(new Unit { Slug = "zxyy", Name = "市中心医院", ShortName = "中心医院", Kind = UnitKind.Other });
            db.Units.Add(new Unit { Slug = "dyzx", Name = "市第一中学", ShortName = "一中", Kind = UnitKind.Other });
            await db.SaveChangesAsync(ct);
        }
        await using var context = fixture.Context();

        var choices = await new SearchFilterReader(context).ReadAsync(ct);

        Assert.Equal(["yaowen", "wenming"], choices.Sections.Select(s => s.Slug));
        // By name as the database collates it (SQLite: by code point, 中 U+4E2D before 第 U+7B2C).
        Assert.Equal(["zxyy", "dyzx"], choices.Units.Select(u => u.Slug));
        Assert.Equal("一中", choices.Units[1].ShortName);
    }
}
