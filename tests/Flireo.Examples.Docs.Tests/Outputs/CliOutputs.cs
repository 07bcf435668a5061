using System.Reflection;
using Flireo.Examples.Docs.Tests.Support;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/cli.md shows: the built flireo-tools, run as a process with the arguments the page gives.</summary>
internal static class CliOutputs
{
    private static string Cli => BuiltProgram.Output("src/Flireo.Tools.Cli", "flireo-tools.dll");

    private static string Restaurant => BuiltProgram.Output("examples/Flireo.Examples.Restaurant", "Flireo.Examples.Restaurant.dll");

    [DocOutput("cli-help")]
    public static async Task<string> Help() => (await BuiltProgram.RunAsync(Cli, ["--help"])).Out;

    [DocOutput("cli-validate")]
    public static async Task<string> Validate()
    {
        // As on the server, the API key is in the environment: the restaurant's tools speak into the call (else FLT108).
        var environment = new Dictionary<string, string> { ["Flireo__Api__Key"] = "dashboard-api-key" };
        var (exitCode, output, error) = await BuiltProgram.RunAsync(Cli, ["validate", "--assembly", Restaurant], environment);
        return Join(output, error, exitCode);
    }

    [DocOutput("cli-validate-findings")]
    public static async Task<string> ValidateFindings()
    {
        var lintTools = BuiltProgram.Output("tests/TestPlugins/Cli/CliTests.LintTools", "CliTests.LintTools.dll");
        var (exitCode, output, error) = await BuiltProgram.RunAsync(Cli, ["validate", "--assembly", lintTools]);
        return Join(output, error, exitCode);
    }

    [DocOutput("cli-export-missing-description")]
    public static async Task<string> ExportMissingDescription()
    {
        var lintTools = BuiltProgram.Output("tests/TestPlugins/Cli/CliTests.LintTools", "CliTests.LintTools.dll");
        var (exitCode, output, error) = await BuiltProgram.RunAsync(Cli, ["export", "--assembly", lintTools]);
        return Join(output, error, exitCode);
    }

    [DocOutput("cli-invoke-in-process")]
    public static async Task<string> InvokeInProcess()
    {
        // The page shows the answer, not the timing. On a loaded 2-core machine (load 34 seen) the first in-process call of
        // get_menu, JIT included, took longer than that tool's own 3 s limit and the answer became a timeout result. The
        // page therefore calls a tool without its own limit, and the budget is raised through the environment as a user
        // would (Flireo__SyncTimeout); the command is otherwise the page's.
        var environment = new Dictionary<string, string> { ["Flireo__SyncTimeout"] = "00:05:00" };
        return (await BuiltProgram.RunAsync(Cli, ["invoke", "--assembly", Restaurant, "--tool", "get_opening_hours", "--args", """{"from":"2026-03-06"}""", "--tool-call-id", "tool-1"], environment)).Out;
    }

    [DocOutput("cli-sign")]
    public static async Task<string> Sign()
        => (await BuiltProgram.RunAsync(Cli, ["sign", "--secret", "my-dev-secret", "--timestamp", "1795651200"], input: """{"message":{"type":"tool-calls","call":{"id":"call-1"},"tool_call_list":[{"id":"tool-1","type":"function","function":{"name":"get_menu","arguments":{}}}]}}""")).Out;

    [DocOutput("cli-rules")]
    public static string Rules()
    {
        // The rule codes are constants of the CLI's internal ValidationRules class: read them, with their XML docs, from its build output.
        var rules = Assembly.LoadFrom(Cli).GetType("Flireo.Tools.Cli.Validation.ValidationRules", throwOnError: true)!;
        var severityOf = rules.GetMethod("SeverityOf", BindingFlags.Public | BindingFlags.Static)!;
        var table = new MarkdownTable("Code", "Severity", "Finding");
        foreach (var field in rules.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).OrderBy(f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal))
        {
            var code = (string)field.GetRawConstantValue()!;
            var severity = severityOf.Invoke(null, [code])!.ToString()!.ToLowerInvariant();
            table.Add(code, severity, XmlDocs.Summary(field));
        }

        return table.ToString();
    }

    private static string Join(string output, string error, int exitCode)
        => string.Join('\n', new[] { output, error, $"(exit code {exitCode})" }.Where(s => s.Length > 0));
}
