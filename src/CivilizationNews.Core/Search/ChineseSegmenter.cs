using System.Text;
using JiebaNet.Segmenter;

namespace CivilizationNews.Core.Search;

/// <summary>
/// Chinese word segmentation with jieba.NET, in one shared instance: loading its dictionary costs
/// about a second and some 50 MB, and cutting is thread-safe once loaded (the dictionary is only read).
/// The hidden Markov model is off, so the same string cuts the same way wherever it stands and a
/// query cuts like the stories it should find; unknown names fall into single characters on both sides.
/// </summary>
public sealed class ChineseSegmenter
{
    private static readonly Lazy<ChineseSegmenter> Instance = new(() => new ChineseSegmenter(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JiebaSegmenter _jieba = new();
    private readonly WordDictionary _dictionary = WordDictionary.Instance;

    private ChineseSegmenter()
    {
    }

    /// <summary>The process-wide segmenter (the DI container hands out this same instance).</summary>
    public static ChineseSegmenter Shared => Instance.Value;

    /// <summary>
    /// The words of a query chunk, in order, without punctuation or spaces; Latin letters lower-cased.
    /// </summary>
    public IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        foreach (var word in _jieba.Cut(text, cutAll: false, hmm: false))
        {
            if (IsWord(word))
            {
                words.Add(word.ToLowerInvariant());
            }
        }
        return words;
    }

    /// <summary>
    /// The text as the full-text index stores it: the words in order, separated by spaces (so a
    /// phrase of adjacent words stays adjacent), then the shorter dictionary words inside the long
    /// ones (志愿 in 志愿者, 图书 and 图书馆 in 市图书馆), so that a two-character query finds them.
    /// </summary>
    public string ForIndex(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }
        var output = new StringBuilder(text.Length * 2);
        List<string>? inner = null;
        foreach (var word in _jieba.Cut(text, cutAll: false, hmm: false))
        {
            if (!IsWord(word))
            {
                continue;
            }
            output.Append(word).Append(' ');
            if (word.Length > 2)
            {
                inner ??= [];
                AddInnerWords(word, inner);
            }
        }
        if (inner is not null)
        {
            foreach (var word in inner)
            {
                output.Append(word).Append(' ');
            }
        }
        return output.ToString().TrimEnd();
    }

    /// <summary>The 2- and 3-character dictionary words inside a longer word, as jieba's search mode finds them.</summary>
    private void AddInnerWords(string word, List<string> into)
    {
        for (var size = 2; size <= 3 && size < word.Length; size++)
        {
            for (var i = 0; i + size <= word.Length; i++)
            {
                var part = word.Substring(i, size);
                if (_dictionary.ContainsWord(part))
                {
                    into.Add(part);
                }
            }
        }
    }

    /// <summary>A token worth indexing: it holds at least one letter or digit (not a space or a punctuation mark).</summary>
    private static bool IsWord(string token)
    {
        foreach (var c in token)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }
}
