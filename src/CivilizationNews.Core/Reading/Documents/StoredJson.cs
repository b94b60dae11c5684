using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CivilizationNews.Core.Reading.Documents;

/// <summary>
/// How read documents are written. System.Text.Json's default encoder writes every Chinese character as
/// <c>\uXXXX</c> and every <c>&lt;</c> of the stored HTML as <c>\u003C</c>: a bench story's document was 12,279
/// characters instead of 3,451 (6,907 bytes), and unescaping was about 3 % of a stored story page's CPU in the
/// profile (docs/performance.md). Documents are read only by the server, never put into a page or a script, so
/// they keep the characters as they are (only quotes, backslashes and control characters are escaped, as JSON
/// requires).
/// </summary>
internal static class StoredJson
{
    public static JsonSerializerOptions Options() => new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
