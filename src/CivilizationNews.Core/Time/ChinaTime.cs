using System.Globalization;

namespace CivilizationNews.Core.Time;

/// <summary>
/// Readers see China Standard Time (UTC+8, no daylight saving) whatever the server's zone,
/// so conversion is a fixed offset rather than a time-zone database look-up that a minimal
/// container may not have.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    public static DateTime ToChina(DateTime utc) =>
        DateTime.SpecifyKind(EnsureUtc(utc) + Offset, DateTimeKind.Unspecified);

    public static DateTime ToUtc(DateTime chinaLocal) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(chinaLocal, DateTimeKind.Unspecified) - Offset, DateTimeKind.Utc);

    public static DateOnly Today(DateTime utcNow) => DateOnly.FromDateTime(ToChina(utcNow));

    /// <summary>2021年12月10日 星期五</summary>
    public static string FormatDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日 {Weekdays[(int)date.DayOfWeek]}");

    /// <summary>The China date of a UTC instant, as 2021年12月10日 星期五.</summary>
    public static string FormatDate(DateTime utc) => FormatDate(DateOnly.FromDateTime(ToChina(utc)));

    /// <summary>2021年12月10日 06:30 (China time).</summary>
    public static string FormatDateTime(DateTime utc)
    {
        var local = ToChina(utc);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}");
    }

    /// <summary>2021年12月10日, without the weekday.</summary>
    public static string FormatShortDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    public static string Weekday(DateOnly date) => Weekdays[(int)date.DayOfWeek];

    private static DateTime EnsureUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
