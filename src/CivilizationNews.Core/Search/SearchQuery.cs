using System.Text;

namespace CivilizationNews.Core.Search;

/// <summary>
/// A reader's query, made safe: anything but letters and digits is a separator (so FTS syntax such
/// as " * NEAR( ) ^ : never reaches the engine as syntax), the pieces between separators are cut into
/// words by <see cref="ChineseSegmenter"/>, and the engine gets every word as a quoted term.
/// A story matches when it contains every word; a piece typed as one run (河东书房) ranks higher
/// where it stands as typed (see <see cref="Phrases"/>).
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Longer queries are cut to this many characters.</summary>
    public const int MaxLength = 100;
    private const int MaxPieces = 10;
    private const int MaxWords = 16;

    // Function words that would match nearly every story; dropped while the query has other words.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "的", "了", "和", "与", "及", "在", "是", "等", "之", "或", "也", "就", "而", "被", "把", "并",
    };

    private SearchQuery(string text, bool truncated, IReadOnlyList<IReadOnlyList<string>> pieces, IReadOnlyList<string> phrases, IReadOnlyList<string> required)
    {
        Text = text;
        Truncated = truncated;
        Pieces = pieces;
        Phrases = phrases;
        Required = required;
        Words = pieces.SelectMany(p => p).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The query as searched (trimmed, cut to <see cref="MaxLength"/>).</summary>
    public string Text { get; }

    /// <summary>True when the reader's query was longer than <see cref="MaxLength"/>.</summary>
    public bool Truncated { get; }

    /// <summary>The words of each piece the reader typed as one run, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Pieces { get; }

    /// <summary>The pieces typed as one run that cut into several words (河东书房), lower-cased: stories holding them as typed rank first.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>Every distinct word, for highlighting.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The words a story must contain.</summary>
    public IReadOnlyList<string> Required { get; }

    public bool IsEmpty => Required.Count == 0;

    public static SearchQuery Parse(string? input, ChineseSegmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        var text = (input ?? string.Empty).Trim();
        var truncated = false;
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            // Never leave half of a surrogate pair at the end.
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }
            truncated = true;
        }

        var pieces = new List<IReadOnlyList<string>>();
        var phrases = new List<string>();
        var count = 0;
        foreach (var piece in Separate(text))
        {
            if (pieces.Count == MaxPieces || count >= MaxWords)
            {
                break;
            }
            var words = segmenter.Words(piece).Take(MaxWords - count).ToList();
            if (words.Count > 0)
            {
                pieces.Add(words);
                count += words.Count;
                if (words.Count > 1)
                {
                    phrases.Add(piece.ToLowerInvariant());
                }
            }
        }
        var all = pieces.SelectMany(p => p).Distinct(StringComparer.Ordinal).ToList();
        var required = all.Where(w => !StopWords.Contains(w)).ToList();
        return new SearchQuery(text, truncated, pieces, phrases.Distinct(StringComparer.Ordinal).ToList(), required.Count > 0 ? required : all);
    }

    /// <summary>Runs of letters and digits; everything else separates them.</summary>
    private static IEnumerable<string> Separate(string text)
    {
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>
    /// The FTS5 MATCH expression: every required word as a quoted term, ANDed. (Phrases are not added to
    /// it for ranking: bm25 weighs each phrase by a scan of the whole index. The store lifts exact phrases itself.)
    /// </summary>
    public string ToFts5() => string.Join(" AND ", Required.Select(Quote));

    /// <summary>
    /// The SQL Server CONTAINS condition: each piece as typed, quoted, so that the server's own
    /// Chinese word breaker (LCID 2052) cuts the query and the stories alike; pieces ANDed.
    /// </summary>
    public string ToSqlServerContains()
    {
        var pieces = Separate(Text).Take(MaxPieces).Where(p => p.Length > 0).Select(Quote).ToList();
        return string.Join(" AND ", pieces);
    }

    /// <summary>A double-quoted term; the words hold only letters and digits, so there is nothing to escape but quotes themselves.</summary>
    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
