using System.Globalization;
using System.Text.Json;
using Flireo.Tools.Async;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Dashboard;

/// <summary>Serves the dashboard's pages and form posts: tools and try-it, recent calls, async work.</summary>
/// <remarks>Every page is rendered on the server, every value HTML-encoded; no script, no external resource.</remarks>
internal sealed class DashboardPages
{
    /// <summary>The most dead letters one page lists.</summary>
    internal const int MaxDeadLetters = 100;

    private const string HtmlContentType = "text/html; charset=utf-8";

    // The type of the queue Flireo.Tools puts in front of every IToolWorkLeaseStore.
    private const string StoreQueueName = "DurableToolWorkQueue";

    private readonly IServiceProvider _services;
    private readonly ToolCatalog _catalog;
    private readonly RecentCallRecorder _recorder;
    private readonly AsyncRunTracker _runs;
    private readonly FlireoToolsOptions _toolsOptions;
    private readonly TryItRunner _tryIt;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DashboardPages(IServiceProvider services)
    {
        _services = services;
        _catalog = services.GetRequiredService<ToolCatalog>();
        _recorder = services.GetRequiredService<RecentCallRecorder>();
        _runs = services.GetRequiredService<AsyncRunTracker>();
        _toolsOptions = services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        _tryIt = new TryItRunner(services);
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger("Flireo.Tools.Dashboard") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public Task ToolsAsync(HttpContext context)
    {
        var html = Begin(context, "Tools", "", out _);
        html.Raw("<h1>Tools</h1>");
        if (_catalog.Tools.Count == 0)
        {
            html.Raw("<p class=\"note\">No tools are registered. Add them with <code>AddFlireoTools().AddToolsFromAssemblyOf&lt;MyTools&gt;()</code>.</p>");
        }
        else
        {
            html.Raw("<table id=\"tools\"><thead><tr><th>Name</th><th>Description</th><th>Spoken message</th><th>Time limit</th><th>Runs</th></tr></thead><tbody>");
            foreach (var tool in _catalog.Tools)
            {
                html.Raw("<tr><td><a href=\"").Text(BaseOf(context, "")).Raw("/tools/").Text(Uri.EscapeDataString(tool.Name)).Raw("\">").Text(tool.Name).Raw("</a></td>");
                html.Cell(tool.Description).Cell(tool.Message).Cell(TimeLimit(tool)).Cell(tool.IsAsync ? "in the background" : "while the caller waits").Raw("</tr>");
            }

            html.Raw("</tbody></table>");
        }

        return WriteAsync(context, html, StatusCodes.Status200OK);
    }

    public Task ToolAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? string.Empty;
        if (!_catalog.TryGetTool(name, out var tool))
        {
            return NotFoundAsync(context, "/tools/{name}", $"There is no tool named '{name}'.");
        }

        var html = Begin(context, tool.Name, "/tools/{name}", out var basePath);
        WriteTool(context, html, basePath, tool, null, null, null);
        return WriteAsync(context, html, StatusCodes.Status200OK);
    }

    public async Task TryToolAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? string.Empty;
        if (!await ValidFormAsync(context, "/tools/{name}").ConfigureAwait(false))
        {
            return;
        }

        if (!_catalog.TryGetTool(name, out var tool))
        {
            await NotFoundAsync(context, "/tools/{name}", $"There is no tool named '{name}'.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var user = UserOf(context);
        var arguments = ToolForm.Arguments(ToolForm.Fields(tool.ParametersSchema), form, out var error);
        TryItAnswer? answer = null;
        var status = StatusCodes.Status200OK;
        if (arguments is null)
        {
            DashboardLog.TryRefused(_logger, user, tool.Name, error!);
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            answer = await _tryIt.RunAsync(tool, arguments, context.RequestAborted).ConfigureAwait(false);
            if (answer is null)
            {
                error = "The app maps no webhook endpoint, so the tool cannot be called the way Flireo calls it. Map it with app.MapFlireoWebhooks(\"/flireo\").";
                DashboardLog.TryRefused(_logger, user, tool.Name, "no webhook endpoint");
                status = StatusCodes.Status409Conflict;
            }
            else
            {
                DashboardLog.ToolTried(_logger, user, tool.Name, answer.ToolCallId, answer.StatusCode, answer.Elapsed.TotalMilliseconds);
            }
        }

        var html = Begin(context, tool.Name, "/tools/{name}", out var basePath);
        WriteTool(context, html, basePath, tool, form, answer, error);
        await WriteAsync(context, html, status).ConfigureAwait(false);
    }

    public Task CallsAsync(HttpContext context)
    {
        var html = Begin(context, "Recent calls", "/calls", out _);
        html.Raw("<h1>Recent calls</h1>");
        WriteSparklines(html);
        if (_recorder.Capacity == 0)
        {
            html.Raw("<p class=\"note\" id=\"recording-off\">Recent calls are not recorded (the default in Production). Set <code>Flireo:Dashboard:RecentCalls</code> to the number of calls to keep.</p>");
            return WriteAsync(context, html, StatusCodes.Status200OK);
        }

        var payloads = _recorder.ShowPayloads;
        html.Raw("<p class=\"note\">The last ").Number(_recorder.Capacity, "0").Raw(" tool calls, newest first.");
        if (!payloads)
        {
            html.Raw(" Arguments and results are not kept: they are personal data. Set <code>Flireo:Dashboard:ShowPayloads</code> to <code>true</code> to see them.");
        }

        html.Raw("</p><table id=\"calls\"><thead><tr><th>Time (UTC)</th><th>Call id</th><th>Tool call id</th><th>Tool</th><th>Outcome</th><th>Detail</th><th>Duration</th>");
        if (payloads)
        {
            html.Raw("<th>Arguments</th><th>Result</th>");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var call in _recorder.Snapshot())
        {
            html.Raw("<tr>").Cell(Time(call.At)).Cell(call.CallId).Cell(call.ToolCallId).Cell(call.ToolName)
                .Raw("<td><span class=\"badge ").Text(call.Outcome).Raw("\">").Text(call.Outcome).Raw("</span></td>")
                .Cell(call.Detail).Cell(call.Duration is { } d ? Milliseconds(d) : null, "num");
            if (payloads)
            {
                html.Raw("<td><pre>").Text(call.Arguments).Raw("</pre></td><td><pre>").Text(call.Result).Raw("</pre></td>");
            }

            html.Raw("</tr>");
        }

        html.Raw("</tbody></table>");
        return WriteAsync(context, html, StatusCodes.Status200OK);
    }

    public async Task AsyncWorkAsync(HttpContext context) =>
        await WriteAsyncPageAsync(context, "/async", null, StatusCodes.Status200OK).ConfigureAwait(false);

    public Task RetryAsync(HttpContext context) => SettleAsync(context, "/async/retry", retry: true);

    public Task DeleteAsync(HttpContext context) => SettleAsync(context, "/async/delete", retry: false);

    private async Task SettleAsync(HttpContext context, string suffix, bool retry)
    {
        if (!await ValidFormAsync(context, suffix).ConfigureAwait(false))
        {
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var key = form["key"].ToString();
        var user = UserOf(context);
        var store = _services.GetService<IToolWorkDeadLetterStore>();
        string notice;
        var status = StatusCodes.Status200OK;
        if (store is null || key.Length == 0)
        {
            notice = store is null ? "This app's queue keeps no dead letters." : "No dead letter was named.";
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            try
            {
                bool found;
                if (retry)
                {
                    found = await store.RetryDeadLetterAsync(key, context.RequestAborted).ConfigureAwait(false);
                    DashboardLog.DeadLetterRetried(_logger, user, key, found);
                    notice = found ? $"Dead letter {key} queued again: it runs from attempt 1." : $"No dead letter with key '{key}': it may have been retried or deleted already.";
                }
                else
                {
                    found = await store.DeleteDeadLetterAsync(key, context.RequestAborted).ConfigureAwait(false);
                    DashboardLog.DeadLetterDeleted(_logger, user, key, found);
                    notice = found ? $"Dead letter {key} deleted." : $"No dead letter with key '{key}': it may have been retried or deleted already.";
                }

                status = found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DashboardLog.ActionFailed(_logger, ex, retry ? "retry" : "delete");
                notice = "The queue's store could not be reached; nothing was changed. See the app's log.";
                status = StatusCodes.Status503ServiceUnavailable;
            }
        }

        await WriteAsyncPageAsync(context, suffix, notice, status).ConfigureAwait(false);
    }

    private async Task WriteAsyncPageAsync(HttpContext context, string suffix, string? notice, int status)
    {
        var html = Begin(context, "Async work", suffix, out var basePath);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        html.Raw("<h1>Async work</h1>");
        if (notice is not null)
        {
            html.Raw("<p class=\"notice\" id=\"notice\">").Text(notice).Raw("</p>");
        }

        var queue = _services.GetService<IToolWorkQueue>();
        var queueStatus = queue as IToolWorkQueueStatus ?? _services.GetService<IToolWorkQueueStatus>();
        html.Raw("<h2>Queue</h2><table id=\"queue\"><thead><tr><th>Back-end</th><th>Depth</th><th>Oldest</th><th>Dead letters</th><th>Accepting work</th></tr></thead><tbody><tr>");
        html.Cell(BackEndName(queue?.GetType().Name == StoreQueueName ? _services.GetService<IToolWorkLeaseStore>() : queue));
        if (queueStatus is not null)
        {
            var oldest = queueStatus.OldestEnqueuedAt is { } at ? Age(_time.GetUtcNow() - at) : "—";
            html.Cell(queueStatus.Count.ToString(CultureInfo.InvariantCulture), "num").Cell(oldest).Cell(queueStatus.DeadLetterCount.ToString(CultureInfo.InvariantCulture), "num").Cell(queueStatus.IsAcceptingWork ? "yes" : "no (shutting down)");
        }
        else
        {
            html.Raw("<td colspan=\"4\">This back-end reports no status.</td>");
        }

        html.Raw("</tr></tbody></table>");

        var router = _services.GetRequiredService<ToolRouter>();
        html.Raw("<h2>Running</h2><p>Sync tool calls running now: <strong id=\"sync-running\">").Number(router.RunningCalls, "0").Raw("</strong></p>");
        var running = _runs.Running();
        if (running.Count == 0)
        {
            html.Raw("<p class=\"note\" id=\"async-running\">No async tool call is running.</p>");
        }
        else
        {
            html.Raw("<table id=\"async-running\"><thead><tr><th>Tool</th><th>Tool call id</th><th>Call id</th><th>Attempt</th><th>Running for</th></tr></thead><tbody>");
            foreach (var run in running)
            {
                html.Raw("<tr>").Cell(run.ToolName).Cell(run.ToolCallId).Cell(run.CallId).Cell(run.Attempt.ToString(CultureInfo.InvariantCulture), "num").Cell(Age(_time.GetUtcNow() - run.StartedAt)).Raw("</tr>");
            }

            html.Raw("</tbody></table>");
        }

        var finished = _runs.Finished();
        html.Raw("<h2>Last async runs</h2>");
        if (finished.Count == 0)
        {
            html.Raw("<p class=\"note\" id=\"async-finished\">No async run has ended since the app started.</p>");
        }
        else
        {
            html.Raw("<table id=\"async-finished\"><thead><tr><th>Started (UTC)</th><th>Tool</th><th>Tool call id</th><th>Call id</th><th>Attempt</th><th>Status</th><th>Duration</th></tr></thead><tbody>");
            foreach (var run in finished)
            {
                html.Raw("<tr>").Cell(Time(run.StartedAt)).Cell(run.ToolName).Cell(run.ToolCallId).Cell(run.CallId).Cell(run.Attempt.ToString(CultureInfo.InvariantCulture), "num")
                    .Raw("<td><span class=\"badge ").Text(run.Status == nameof(ToolRunStatus.Succeeded) ? "ok" : "error").Raw("\">").Text(run.Status).Raw("</span></td>")
                    .Cell(run.Duration is { } d ? Milliseconds(d) : null, "num").Raw("</tr>");
            }

            html.Raw("</tbody></table>");
        }

        html.Raw("<h2>Dead letters</h2>");
        var store = _services.GetService<IToolWorkDeadLetterStore>();
        if (store is null)
        {
            html.Raw("<p class=\"note\" id=\"dead-letters\">The in-memory queue keeps no dead letters: a call that fails for good is logged. Use a durable queue (<code>AddSqliteToolWorkQueue</code> or <code>AddRedisToolWorkQueue</code>) to keep them for a retry.</p>");
        }
        else
        {
            IReadOnlyList<ToolWorkDeadLetter>? letters = null;
            try
            {
                letters = await store.ListDeadLettersAsync(MaxDeadLetters, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DashboardLog.ActionFailed(_logger, ex, "list dead letters");
                html.Raw("<p class=\"notice\" id=\"dead-letters\">The dead letters could not be read: the queue's store could not be reached. See the app's log.</p>");
                status = status == StatusCodes.Status200OK ? StatusCodes.Status503ServiceUnavailable : status;
            }

            if (letters is { Count: 0 })
            {
                html.Raw("<p class=\"note\" id=\"dead-letters\">No dead letters.</p>");
            }
            else if (letters is not null)
            {
                var payloads = _recorder.ShowPayloads;
                html.Raw("<table id=\"dead-letters\"><thead><tr><th>Key</th><th>Tool</th><th>Tool call id</th><th>Call id</th><th>Attempts</th><th>Last outcome</th><th>Error</th><th>Accepted (UTC)</th><th>Dead since (UTC)</th>");
                html.Raw(payloads ? "<th>Arguments</th>" : string.Empty).Raw("<th></th></tr></thead><tbody>");
                foreach (var letter in letters)
                {
                    var item = letter.Item;
                    html.Raw("<tr>").Cell(item.Key, "key").Cell(item.ToolName).Cell(item.ToolCallId).Cell(item.CallId).Cell(letter.Attempts.ToString(CultureInfo.InvariantCulture), "num")
                        .Cell(letter.Status.ToString()).Cell(letter.Error).Cell(Time(item.EnqueuedAt)).Cell(Time(letter.DeadLetteredAt));
                    if (payloads)
                    {
                        html.Raw("<td><pre>").Text(item.ArgumentsJson).Raw("</pre></td>");
                    }

                    html.Raw("<td class=\"actions\">");
                    WriteSettleForm(html, basePath, "retry", "Retry", item.Key, tokens);
                    WriteSettleForm(html, basePath, "delete", "Delete", item.Key, tokens);
                    html.Raw("</td></tr>");
                }

                html.Raw("</tbody></table>");
                if (letters.Count == MaxDeadLetters)
                {
                    html.Raw("<p class=\"note\">The oldest ").Number(MaxDeadLetters, "0").Raw(" are shown; <code>flireo-tools queue dead-letters --max N</code> lists more.</p>");
                }
            }
        }

        await WriteAsync(context, html, status).ConfigureAwait(false);
    }

    private static void WriteSettleForm(HtmlWriter html, string basePath, string action, string label, string key, AntiforgeryTokenSet tokens)
    {
        html.Raw("<form method=\"post\" action=\"").Text(basePath).Raw("/async/").Raw(action).Raw("\">");
        Token(html, tokens);
        html.Raw("<input type=\"hidden\" name=\"key\" value=\"").Text(key).Raw("\"><button type=\"submit\" class=\"").Raw(action).Raw("\">").Raw(label).Raw("</button></form>");
    }

    private void WriteTool(HttpContext context, HtmlWriter html, string basePath, ToolDescriptor tool, IFormCollection? form, TryItAnswer? answer, string? error)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        html.Raw("<h1>").Text(tool.Name).Raw("</h1><dl id=\"tool\">");
        html.Raw("<dt>Description</dt><dd>").Text(tool.Description ?? "—").Raw("</dd>");
        html.Raw("<dt>Spoken message</dt><dd>").Text(tool.Message ?? "—").Raw("</dd>");
        html.Raw("<dt>Time limit</dt><dd>").Text(TimeLimit(tool)).Raw("</dd>");
        html.Raw("<dt>Runs</dt><dd>").Text(tool.IsAsync ? "in the background: the webhook is answered at once" : "while the caller waits").Raw("</dd>");
        html.Raw("<dt>Implemented by</dt><dd><code>").Text(tool.ToolType.FullName + "." + tool.Method.Name).Raw("</code></dd></dl>");

        html.Raw("<details><summary>Parameter schema</summary><pre id=\"schema\">").Text(Indented(tool.ParametersSchema)).Raw("</pre></details>");

        var fields = ToolForm.Fields(tool.ParametersSchema);
        html.Raw("<h2>Try it</h2><form method=\"post\" id=\"try\" action=\"").Text(basePath).Raw("/tools/").Text(Uri.EscapeDataString(tool.Name)).Raw("\">");
        Token(html, tokens);
        foreach (var field in fields)
        {
            var id = "f-" + field.Name;
            var value = form?[ToolForm.FieldPrefix + field.Name].ToString();
            html.Raw("<div class=\"field\"><label for=\"").Text(id).Raw("\">").Text(field.Name).Raw(field.Required ? " <abbr title=\"required\">*</abbr>" : string.Empty)
                .Raw(" <small>").Text(KindText(field)).Raw("</small></label>");
            var fieldName = ToolForm.FieldPrefix + field.Name;
            switch (field.Kind)
            {
                case FieldKind.Choice:
                case FieldKind.Boolean:
                    html.Raw("<select id=\"").Text(id).Raw("\" name=\"").Text(fieldName).Raw("\"><option value=\"\">(not set)</option>");
                    var choices = field.Kind == FieldKind.Boolean ? ["true", "false"] : field.Choices!.Select(ToolForm.ChoiceText).ToArray();
                    foreach (var choice in choices)
                    {
                        html.Raw("<option value=\"").Text(choice).Raw(choice == value ? "\" selected>" : "\">").Text(choice).Raw("</option>");
                    }

                    html.Raw("</select>");
                    break;
                case FieldKind.Json:
                    html.Raw("<textarea id=\"").Text(id).Raw("\" name=\"").Text(fieldName).Raw("\" rows=\"3\" placeholder=\"JSON\">").Text(value).Raw("</textarea>");
                    break;
                default:
                    var type = field.Kind is FieldKind.Integer or FieldKind.Number ? "text\" inputmode=\"decimal" : field.Format == "date" ? "date" : "text";
                    html.Raw("<input type=\"").Raw(type).Raw("\" id=\"").Text(id).Raw("\" name=\"").Text(fieldName).Raw("\" value=\"").Text(value).Raw("\">");
                    break;
            }

            if (field.Description is not null)
            {
                html.Raw("<p class=\"hint\">").Text(field.Description).Raw("</p>");
            }

            html.Raw("</div>");
        }

        html.Raw("<details").Raw(string.IsNullOrWhiteSpace(form?[ToolForm.RawField].ToString()) ? ">" : " open>")
            .Raw("<summary>Or send a whole arguments object as JSON</summary><textarea name=\"").Raw(ToolForm.RawField).Raw("\" id=\"raw\" rows=\"4\" placeholder=\"{}\">")
            .Text(form?[ToolForm.RawField].ToString()).Raw("</textarea></details>");
        html.Raw("<p><button type=\"submit\" id=\"call\">Call ").Text(tool.Name).Raw("</button> <span class=\"hint\">Signed with the app's webhook secret and sent through its webhook endpoint, as Flireo sends it.</span></p></form>");

        if (error is not null)
        {
            html.Raw("<p class=\"notice\" id=\"error\">").Text(error).Raw("</p>");
        }

        if (answer is not null)
        {
            html.Raw("<section id=\"answer\"><h2>Answer</h2><p>HTTP <strong id=\"status\">").Number(answer.StatusCode, "0").Raw("</strong> in <strong id=\"elapsed\">")
                .Text(Milliseconds(answer.Elapsed)).Raw("</strong>; call id <code>").Text(answer.CallId).Raw("</code>, tool call id <code>").Text(answer.ToolCallId).Raw("</code>")
                .Raw(answer.Signed ? ", signed." : ", unsigned (no webhook secret is configured).").Raw("</p>")
                .Raw("<p class=\"hint\">The body exactly as Flireo receives it:</p><pre id=\"answer-body\">").Text(answer.Body).Raw("</pre>")
                .Raw("<details><summary>The webhook that was sent</summary><pre id=\"request-body\">").Text(answer.Request).Raw("</pre></details></section>");
        }
    }

    private void WriteSparklines(HtmlWriter html)
    {
        var activity = _recorder.Activity();
        if (activity.Count == 0)
        {
            return;
        }

        html.Raw("<h2>Last hour</h2><table id=\"sparklines\"><thead><tr><th>Tool</th><th>Durations and timeouts, per minute</th><th>Calls</th><th>Timeouts</th><th>Slowest</th></tr></thead><tbody>");
        foreach (var tool in _catalog.Tools)
        {
            if (!activity.TryGetValue(tool.Name, out var buckets))
            {
                continue;
            }

            long calls = 0, timeouts = 0;
            double slowest = 0;
            foreach (var bucket in buckets)
            {
                calls += bucket.Calls;
                timeouts += bucket.Timeouts;
                slowest = Math.Max(slowest, bucket.MaxSeconds);
            }

            html.Raw("<tr data-tool=\"").Text(tool.Name).Raw("\">").Cell(tool.Name).Raw("<td>");
            Sparkline.Write(html, tool.Name, buckets, slowest);
            html.Raw("</td>").Cell(calls.ToString(CultureInfo.InvariantCulture), "num calls").Cell(timeouts.ToString(CultureInfo.InvariantCulture), "num timeouts")
                .Cell(calls == 0 ? "—" : Milliseconds(TimeSpan.FromSeconds(slowest)), "num").Raw("</tr>");
        }

        html.Raw("</tbody></table><p class=\"hint\">From the <code>flireo.tools.call.duration</code> and <code>flireo.tools.timeouts</code> metrics: bars are the mean duration of each minute, red marks the minutes with timeouts.</p>");
    }

    private async Task<bool> ValidFormAsync(HttpContext context, string suffix)
    {
        if (!context.Request.HasFormContentType)
        {
            await RefuseFormAsync(context, suffix).ConfigureAwait(false);
            return false;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            valid = false;
        }

        if (!valid)
        {
            await RefuseFormAsync(context, suffix).ConfigureAwait(false);
        }

        return valid;
    }

    private Task RefuseFormAsync(HttpContext context, string suffix)
    {
        DashboardLog.AntiforgeryRejected(_logger, context.Request.Path.ToString());
        var html = Begin(context, "Refused", suffix, out _);
        html.Raw("<h1>Refused</h1><p class=\"notice\" id=\"refused\">The form could not be verified: its anti-forgery token is missing, expired or from another session. Go back, reload the page and try again.</p>");
        return WriteAsync(context, html, StatusCodes.Status400BadRequest);
    }

    private static Task NotFoundAsync(HttpContext context, string suffix, string message)
    {
        var html = Begin(context, "Not found", suffix, out _);
        html.Raw("<h1>Not found</h1><p class=\"notice\">").Text(message).Raw("</p>");
        return WriteAsync(context, html, StatusCodes.Status404NotFound);
    }

    private static HtmlWriter Begin(HttpContext context, string title, string suffix, out string basePath)
    {
        basePath = BaseOf(context, suffix);
        var html = new HtmlWriter();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Text(title).Raw(" · Flireo tools</title><style>").Raw(Styles).Raw("</style></head><body><header><strong>Flireo tools</strong><nav>")
            .Raw("<a href=\"").Text(basePath.Length == 0 ? "/" : basePath).Raw("\">Tools</a><a href=\"").Text(basePath).Raw("/calls\">Recent calls</a><a href=\"").Text(basePath).Raw("/async\">Async work</a>")
            .Raw("</nav></header><main>");
        return html;
    }

    private static async Task WriteAsync(HttpContext context, HtmlWriter html, int status)
    {
        html.Raw("</main></body></html>");
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = HtmlContentType;
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        await response.WriteAsync(html.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Gets the dashboard's base path from the matched endpoint's pattern (which includes any group prefix), without a trailing slash.</summary>
    private static string BaseOf(HttpContext context, string suffix)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? string.Empty;
        if (suffix.Length > 0 && pattern.EndsWith(suffix, StringComparison.Ordinal))
        {
            pattern = pattern[..^suffix.Length];
        }

        pattern = pattern.TrimEnd('/');
        var prefix = context.Request.PathBase.Value ?? string.Empty;
        return prefix + (pattern.Length == 0 || pattern[0] == '/' ? pattern : "/" + pattern);
    }

    private static void Token(HtmlWriter html, AntiforgeryTokenSet tokens) =>
        html.Raw("<input type=\"hidden\" name=\"").Text(tokens.FormFieldName).Raw("\" value=\"").Text(tokens.RequestToken).Raw("\">");

    private string TimeLimit(ToolDescriptor tool)
    {
        if (tool.IsAsync)
        {
            var limit = tool.Timeout ?? _toolsOptions.AsyncTools.Timeout;
            return Seconds(limit) + (tool.Timeout is null ? " (Flireo:AsyncTools:Timeout)" : " (TimeoutSeconds)") + " per attempt";
        }

        var sync = _toolsOptions.SyncTimeout;
        var text = tool.Timeout is { } own && own < sync ? Seconds(own) + " (TimeoutSeconds)" : Seconds(sync) + " (Flireo:SyncTimeout)";
        if (tool.HandOffAfter is { } handOff)
        {
            text = string.Create(CultureInfo.InvariantCulture, $"hands off after {Seconds(handOff)}, then up to {Seconds(tool.Timeout ?? sync)} in all");
        }

        return text;
    }

    private static string KindText(FormField field) => field.Kind switch
    {
        FieldKind.Integer => "whole number",
        FieldKind.Number => "number",
        FieldKind.Boolean => "true or false",
        FieldKind.Choice => "one of the choices",
        FieldKind.Json => "JSON",
        _ => field.Format is { } format ? "text (" + format + ")" : "text",
    };

    // The queue in front of a store (the default in-memory one, or one added with AddToolWorkStore) is named by its store;
    // a queue registered by the app by itself.
    private static string BackEndName(object? backEnd) => backEnd?.GetType().Name switch
    {
        null => "none",
        "InMemoryToolWorkStore" => "in memory",
        "SqliteToolWorkStore" => "SQLite",
        "RedisToolWorkStore" => "Redis Streams",
        var other => other,
    };

    private static string UserOf(HttpContext context) => context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "(anonymous)";

    private static string Indented(JsonElement element) => JsonSerializer.Serialize(element, DashboardJsonContext.Indented.JsonElement);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    internal static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan age) => age < TimeSpan.Zero ? "0 s"
        : age.TotalSeconds < 120 ? age.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s"
        : age.TotalMinutes < 120 ? age.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min"
        : age.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    private const string Styles = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        header{display:flex;gap:2em;align-items:center;padding:.7em 1.5em;background:#1d2330;color:#fff}
        header nav a{color:#cfd8ea;margin-right:1.2em;text-decoration:none}header nav a:hover{color:#fff}
        main{padding:1em 1.5em;max-width:1400px}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}
        table{border-collapse:collapse;background:#fff;width:100%}th,td{text-align:left;padding:.35em .6em;border-bottom:1px solid #e3e6ec;vertical-align:top}
        th{background:#eef1f6;font-weight:600}td.num{text-align:right;white-space:nowrap}td.key{font-family:monospace;font-size:.85em;word-break:break-all}
        pre{background:#fff;border:1px solid #e3e6ec;padding:.6em;overflow:auto;max-height:24em;margin:.2em 0;white-space:pre-wrap;word-break:break-word}
        td pre{max-height:8em;font-size:.85em}
        .note,.hint{color:#5a6478}.hint{font-size:.9em;margin:.2em 0}.notice{background:#fff6db;border:1px solid #f0d98c;padding:.6em}
        .badge{display:inline-block;padding:0 .5em;border-radius:.8em;font-size:.85em;background:#e3e6ec}
        .badge.ok{background:#d9f2df;color:#17612b}.badge.error{background:#fbdcdc;color:#8a1c1c}.badge.timeout,.badge.late{background:#ffe6c7;color:#8a4b00}.badge.duplicate{background:#e2e6ff;color:#2c3a8a}
        .field{margin:.6em 0}.field label{display:block;font-weight:600}.field small{font-weight:400;color:#5a6478}
        input[type=text],input[type=date],select,textarea{font:inherit;padding:.3em;border:1px solid #c5cbd6;border-radius:3px;min-width:20em;max-width:100%}
        textarea{width:40em;font-family:monospace}button{font:inherit;padding:.35em 1em;border:0;border-radius:3px;background:#2d5be3;color:#fff;cursor:pointer}
        button.delete{background:#b42323}td.actions form{display:inline;margin-right:.3em}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1.2em}dt{font-weight:600}dd{margin:0}
        svg.spark{display:block}
        """;
}
