using System.Globalization;

namespace CivilizationNews.Core.Time;

/// <summary>Machine-readable timestamps in China time, with the offset written out (2021-12-10T06:30:00+08:00).</summary>
public static class ChinaTimestamps
{
    public static DateTimeOffset ToOffset(DateTime utc) => new(ChinaTime.ToChina(utc), ChinaTime.Offset);

    /// <summary>W3C / ISO 8601 form, as sitemaps and schema.org expect.</summary>
    public static string Iso(DateTime utc) => ToOffset(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
