using CivilizationNews.Core.Time;

namespace CivilizationNews.Core.Tests.Time;

public sealed class ChinaTimeTests
{
    [Fact]
    public void Formats_the_China_date_with_weekday()
    {
        Assert.Equal("2021年12月10日 星期五", ChinaTime.FormatDate(new DateOnly(2021, 12, 10)));
        Assert.Equal("2021年12月12日 星期日", ChinaTime.FormatDate(new DateOnly(2021, 12, 12)));
    }

    [Fact]
    public void A_UTC_evening_is_the_next_morning_in_China()
    {
        var utc = new DateTime(2021, 12, 9, 22, 30, 0, DateTimeKind.Utc);
        Assert.Equal("2021年12月10日 星期五", ChinaTime.FormatDate(utc));
        Assert.Equal("2021年12月10日 06:30", ChinaTime.FormatDateTime(utc));
    }

    [Fact]
    public void Conversion_does_not_depend_on_the_server_zone()
    {
        // An Unspecified value is treated as UTC, never as the server's local time.
        var unspecified = new DateTime(2021, 12, 9, 16, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(new DateTime(2021, 12, 10, 0, 0, 0), ChinaTime.ToChina(unspecified));
        Assert.Equal(new DateTime(2021, 12, 9, 16, 0, 0, DateTimeKind.Utc), ChinaTime.ToUtc(new DateTime(2021, 12, 10, 0, 0, 0)));
    }
}
