using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>The request log by default: errors and slow answers, not a console line for every page served.</summary>
public sealed class RequestLogTests
{
    [Theory]
    [InlineData(200, 12.0, LogEventLevel.Debug)]
    [InlineData(304, 1.0, LogEventLevel.Debug)]
    [InlineData(404, 3.0, LogEventLevel.Debug)]
    [InlineData(200, 1500.0, LogEventLevel.Information)]
    [InlineData(500, 2.0, LogEventLevel.Error)]
    [InlineData(503, 2.0, LogEventLevel.Error)]
    public void Ordinary_requests_are_debug_and_errors_or_slow_answers_stand_out(int status, double elapsed, LogEventLevel expected)
    {
        var context = new DefaultHttpContext();
        context.Response.StatusCode = status;

        Assert.Equal(expected, PortalPipeline.RequestLogLevel(context, elapsed, null));
    }

    [Fact]
    public void A_request_the_browser_abandoned_is_not_an_error()
    {
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };
        context.Response.StatusCode = 500;
        aborted.Cancel();

        Assert.Equal(LogEventLevel.Debug, PortalPipeline.RequestLogLevel(context, 200, new TaskCanceledException()));
        // Cancelled for another reason (a timeout inside the app) while the browser still waits: an error.
        Assert.Equal(LogEventLevel.Error, PortalPipeline.RequestLogLevel(new DefaultHttpContext(), 200, new TaskCanceledException()));
    }

    [Fact]
    public void A_request_that_threw_is_an_error_whatever_its_status()
    {
        var context = new DefaultHttpContext();
        context.Response.StatusCode = 200;

        Assert.Equal(LogEventLevel.Error, PortalPipeline.RequestLogLevel(context, 5, new InvalidOperationException("boom")));
    }
}
