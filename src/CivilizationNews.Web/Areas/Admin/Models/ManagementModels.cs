using System.Globalization;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>Small parsing helpers shared by the management pages.</summary>
public static class FormValues
{
    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Clean(string? value) => CivilizationNews.Core.Validation.FieldErrors.Clean(value);

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops model-binding errors ("The value '' is invalid.") before a form is validated: the management
    /// controllers word every error themselves, in Chinese, so the page never shows the framework's English.
    /// </summary>
    public static void DropBindingErrors(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        modelState.Clear();
    }
}
