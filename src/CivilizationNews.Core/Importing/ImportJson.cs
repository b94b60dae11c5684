using System.Globalization;
using System.Text;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// Writes an <see cref="ImportResult"/> as the JSON of IMPORT-FORMAT.md: snake_case keys, indented,
/// Chinese left readable. Hand-written rather than System.Text.Json because its encoders escape every
/// character outside the BMP, and rare characters of Chinese names live there (CJK Extension B).
/// Only what JSON requires is escaped. Review-screen extras (source lines) stay out.
/// </summary>
public static class ImportJson
{
    public static string Serialize(ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new JsonText();
        json.StartObject();
        if (result.Page is { } page)
        {
            // A page read from a PDF: its size, what its folio says, and (below) where everything sits.
            json.Key("page");
            json.StartObject();
            json.Key("width");
            json.Number(page.Width);
            json.Key("height");
            json.Number(page.Height);
            json.Key("number");
            json.Number(page.Number);
            json.Property("name", page.Name);
            json.Property("date", page.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.EndObject();
        }

        json.Key("articles");
        json.StartArray();
        foreach (var article in result.Articles)
        {
            WriteArticle(json, article, result.Page is not null);
        }

        json.EndArray();
        json.Key("photos");
        json.StartArray();
        foreach (var photo in result.Photos)
        {
            json.StartObject();
            json.Property("caption", photo.Caption);
            json.Property("credit", photo.Credit);
            json.Property("credit_role", photo.CreditRole);
            json.Property("credit_kind", photo.CreditKind);
            if (result.Page is not null)
            {
                json.Key("region");
                json.Region(photo.Region);
            }

            json.EndObject();
        }

        json.EndArray();
        json.Key("byline");
        if (result.Byline is { } byline)
        {
            WriteByline(json, byline, result.Page is not null);
        }
        else
        {
            json.Value(null);
        }

        json.Key("warnings");
        json.StartArray();
        foreach (var warning in result.Warnings)
        {
            json.StartObject();
            json.Property("kind", KindName(warning.Kind));
            json.Property("text", warning.Text);
            json.Property("article", warning.Article);
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
        return json.ToString();
    }

    public static string KindName(ImportWarningKind kind) => kind switch
    {
        ImportWarningKind.Unattached => "unattached",
        ImportWarningKind.Stitched => "stitched",
        ImportWarningKind.Attached => "attached",
        ImportWarningKind.Duplicate => "duplicate",
        ImportWarningKind.Unreadable => "unreadable",
        ImportWarningKind.ContinuedFrom => "continued_from",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void WriteArticle(JsonText json, ImportedArticle article, bool regions)
    {
        json.StartObject();
        json.Property("kicker", article.Kicker);
        json.Property("title", article.Title);
        json.Property("subtitle", article.Subtitle);
        json.Property("dateline", article.Dateline);
        json.Property("credit", article.Credit);
        json.Property("continues_on", article.ContinuesOn);
        json.Key("sections");
        json.StartArray();
        foreach (var section in article.Sections)
        {
            json.StartObject();
            json.Property("heading", section.Heading);
            json.Key("paragraphs");
            json.StartArray();
            foreach (var paragraph in section.Paragraphs)
            {
                json.Value(paragraph);
            }

            json.EndArray();
            json.EndObject();
        }

        json.EndArray();
        if (regions)
        {
            json.Key("regions");
            json.StartArray();
            foreach (var region in article.Regions)
            {
                json.Region(region);
            }

            json.EndArray();
        }

        json.EndObject();
    }

    private static void WriteByline(JsonText json, ImportedByline byline, bool regions)
    {
        json.StartObject();
        json.Property("label", byline.Label);
        json.Key("roles");
        json.StartArray();
        foreach (var role in byline.Roles)
        {
            json.StartObject();
            json.Property("role", role.Role);
            json.Key("names");
            json.StartArray();
            foreach (var name in role.Names)
            {
                json.Value(name);
            }

            json.EndArray();
            json.EndObject();
        }

        json.EndArray();
        json.Property("raw", byline.Raw);
        if (regions)
        {
            json.Key("region");
            json.Region(byline.Region);
        }

        json.EndObject();
    }

    /// <summary>A minimal indented JSON writer: two-space indent, empty arrays as [].</summary>
    private sealed class JsonText
    {
        private readonly StringBuilder _out = new();
        private readonly Stack<(char Close, int Count)> _open = new();
        private bool _afterKey;

        public void StartObject() => Open('{', '}');

        public void EndObject() => Close();

        public void StartArray() => Open('[', ']');

        public void EndArray() => Close();

        public void Key(string name)
        {
            NextItem();
            WriteString(name);
            _out.Append(": ");
            _afterKey = true;
        }

        public void Property(string name, string? value)
        {
            Key(name);
            Value(value);
        }

        public void Value(string? value)
        {
            NextItem();
            if (value is null)
            {
                _out.Append("null");
            }
            else
            {
                WriteString(value);
            }
        }

        public void Number(double? value)
        {
            NextItem();
            _out.Append(value is { } v ? v.ToString("0.0#", CultureInfo.InvariantCulture) : "null");
        }

        public void Number(int? value)
        {
            NextItem();
            _out.Append(value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null");
        }

        /// <summary>[x, y, width, height] on one line, or null.</summary>
        public void Region(PageRegion? region)
        {
            NextItem();
            if (region is not { } r)
            {
                _out.Append("null");
                return;
            }

            _out.Append('[').AppendJoin(", ", new[] { r.X, r.Y, r.Width, r.Height }.Select(v => v.ToString("0.0#", CultureInfo.InvariantCulture))).Append(']');
        }

        public override string ToString() => _out.ToString();

        private void Open(char open, char close)
        {
            NextItem();
            _out.Append(open);
            _open.Push((close, 0));
        }

        private void Close()
        {
            var (close, count) = _open.Pop();
            if (count > 0)
            {
                NewLine(_open.Count);
            }

            _out.Append(close);
        }

        // Commas and line breaks go before an item, except a value that follows its key.
        private void NextItem()
        {
            if (_afterKey)
            {
                _afterKey = false;
                return;
            }

            if (_open.Count == 0)
            {
                return;
            }

            var (close, count) = _open.Pop();
            if (count > 0)
            {
                _out.Append(',');
            }

            _open.Push((close, count + 1));
            NewLine(_open.Count);
        }

        private void NewLine(int depth) => _out.Append('\n').Append(' ', depth * 2);

        private void WriteString(string value)
        {
            _out.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"':
                        _out.Append("\\\"");
                        break;
                    case '\\':
                        _out.Append("\\\\");
                        break;
                    case '\n':
                        _out.Append("\\n");
                        break;
                    case '\r':
                        _out.Append("\\r");
                        break;
                    case '\t':
                        _out.Append("\\t");
                        break;
                    case < ' ' or '\u2028' or '\u2029':
                        // U+2028/9 are legal JSON but end a line in JavaScript, where this JSON may be pasted.
                        _out.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        break;
                    default:
                        _out.Append(c);
                        break;
                }
            }

            _out.Append('"');
        }
    }
}
