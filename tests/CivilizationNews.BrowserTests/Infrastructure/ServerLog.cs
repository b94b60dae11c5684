using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>
/// A Serilog sink the app picks up through <c>ReadFrom.Services</c>: it keeps every warning and
/// error the server logs, so a journey can fail on them.
/// </summary>
public sealed class ServerLog : ILogEventSink
{
    private readonly ConcurrentQueue<string> _problems = new();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level >= LogEventLevel.Warning)
        {
            var source = logEvent.Properties.TryGetValue("SourceContext", out var s) ? s.ToString().Trim('"') : "?";
            _problems.Enqueue($"[{logEvent.Level}] {source}: {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {logEvent.Exception}");
        }
    }

    public IReadOnlyList<string> Problems => [.. _problems];

    public void Clear() => _problems.Clear();
}
