using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>
/// Settings for every host a test starts, in process or as a child process (children inherit the
/// environment). Each host would otherwise open inotify watchers for its configuration files, its
/// web root and asp-append-version; with dozens of hosts alive across the test projects that run
/// side by side, the machine's default of 128 inotify instances per user runs out and pages fail
/// with IOException. Tests never edit configuration or assets while a host runs, so polling costs
/// nothing and configuration reload is not needed.
/// </summary>
internal static class TestProcessEnvironment
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "A test assembly: the settings must be in place before any host or child process starts.")]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("ASPNETCORE_hostBuilder__reloadConfigOnChange", "false");
    }
}
