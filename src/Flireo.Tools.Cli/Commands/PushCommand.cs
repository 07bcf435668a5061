using System.CommandLine;
using System.Text.Json.Nodes;
using Flireo.Tools.Cli.Deploy;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools push</c>: brings a saved assistant's tools, built-ins, webhook settings and analysis plan in step with the code.</summary>
/// <remarks>
/// Reads the assistant, prints the per-tool diff, and sends one <c>PATCH /assistants/{id}</c> with the whole merged
/// <c>llm_config</c> (and the settings that differ); with <c>--templates</c> it then upserts the tool templates.
/// <c>--dry-run</c> prints the same diff and sends nothing. Exit code 0 on success, 2 on any error.
/// </remarks>
internal static class PushCommand
{
    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change and send nothing." };
        return DeployOptions.CreateCommand(
            "push",
            "Bring a saved assistant in step with the code: merge the tools into llm_config.tools by name, keep tools the code does not manage, and set webhook settings and the analysis plan.",
            environment,
            verbose,
            [dryRun],
            async (parseResult, deployment, token) =>
            {
                if (deployment.InStep)
                {
                    await environment.Out.WriteLineAsync("In step: nothing to send.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                if (parseResult.GetValue(dryRun))
                {
                    await environment.Out.WriteLineAsync("Dry run: nothing was sent.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var plan = deployment.Plan;
                if (!plan.InStep)
                {
                    await deployment.Assistants.UpdateAsync(plan.AssistantId, plan.Patch, token).ConfigureAwait(false);
                    await environment.Out.WriteLineAsync($"Updated assistant {plan.AssistantId}: {string.Join(", ", plan.Patch.Select(static p => p.Key))}.").ConfigureAwait(false);
                }

                if (deployment.Templates is { } templates && deployment.TemplateClient is { } client)
                {
                    await UpsertTemplatesAsync(environment, templates, client, token).ConfigureAwait(false);
                }

                await environment.Out.FlushAsync(token).ConfigureAwait(false);
                return ExitCodes.Success;
            });
    }

    private static async Task UpsertTemplatesAsync(CliEnvironment environment, TemplatePlan templates, Flireo.Tools.Platform.IFlireoToolTemplates client, CancellationToken token)
    {
        int created = 0, updated = 0;
        foreach (var change in templates.Changes)
        {
            if (change.Kind == ToolChangeKind.Added)
            {
                await client.CreateAsync(change.Template, token).ConfigureAwait(false);
                created++;
            }
            else if (change.Kind == ToolChangeKind.Changed)
            {
                var body = (JsonObject)change.Template.DeepClone();
                body.Remove("name");
                await client.UpdateAsync(change.Id!, body, token).ConfigureAwait(false);
                updated++;
            }
        }

        if (created + updated > 0)
        {
            await environment.Out.WriteLineAsync($"Tool templates: {created} created, {updated} updated.").ConfigureAwait(false);
        }
    }
}
