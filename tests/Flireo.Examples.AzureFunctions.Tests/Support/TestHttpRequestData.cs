using System.Net;
using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Flireo.Examples.AzureFunctions.Tests.Support;

/// <summary>An HTTP request as the Functions worker hands it to a function: headers, a body stream and a way to answer.</summary>
public sealed class TestHttpRequestData(FunctionContext context, Uri url, Stream body, HttpHeadersCollection headers) : HttpRequestData(context)
{
    public override Stream Body { get; } = body;

    public override HttpHeadersCollection Headers { get; } = headers;

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method => "POST";

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);
}

/// <summary>The response a function builds; its body is kept in memory for the test to read.</summary>
public sealed class TestHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new NoCookies();

    public string ReadBody() => System.Text.Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    private sealed class NoCookies : HttpCookies
    {
        public override void Append(string name, string value) => throw new NotSupportedException();

        public override void Append(IHttpCookie cookie) => throw new NotSupportedException();

        public override IHttpCookie CreateNew() => throw new NotSupportedException();
    }
}
