using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledger.Api.Tests.Host;

public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public sealed record EchoRequest(string CaseNumber, int Count);

    public async Task InitializeAsync() =>
        _host = await ApiTestHost.StartAsync(TestSettings.Unreachable(), app =>
        {
            app.MapPost("/test/echo", (EchoRequest request) => Results.Ok(request));
            app.MapGet("/test/own-problem", () => TypedResults.Problem(title: "No such leaf", statusCode: StatusCodes.Status404NotFound));
            app.MapGet("/test/boom", string () => throw new InvalidOperationException("connection to 10.1.2.3 failed: password 'hunter2' rejected"));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null, "Запрос не является корректным JSON", "строке 1")]
    [InlineData("ru", "Запрос не является корректным JSON", "строке 1")]
    [InlineData("kk", "Сұрау дұрыс JSON емес", "1-жолда")]
    [InlineData("en", "The request is not valid JSON", "line 1")]
    public async Task Given_a_malformed_JSON_body_When_posted_Then_the_answer_is_a_400_problem_in_the_request_language(
        string? language, string expectedTitle, string expectedWhere)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/test/echo")
        {
            Content = new StringContent("{\"caseNumber\": \"2-123/2026\", \"count\": }", Encoding.UTF8, "application/json"),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(expectedTitle, problem.RootElement.GetProperty("title").GetString());
        Assert.Contains(expectedWhere, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Given_a_well_formed_body_When_posted_Then_it_is_bound()
    {
        using var response = await _host.Client.PostAsync(
            "/test/echo", new StringContent("{\"caseNumber\": \"2-123/2026\", \"count\": 3}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2-123/2026", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_unexpected_exception_When_a_request_fails_Then_a_500_problem_reveals_no_internals()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/boom");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.2.3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("Internal server error", problem.RootElement.GetProperty("title").GetString());
        var traceId = problem.RootElement.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        // The operator finds the details in the log under the same request.
        Assert.Contains(_host.Logs.Lines, line => line.Contains("hunter2", StringComparison.Ordinal) && line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ru", "Не найдено")]
    [InlineData("kk", "Табылмады")]
    [InlineData("en", "Not found")]
    public async Task Given_an_unknown_API_path_When_requested_Then_the_404_is_a_problem_document_in_the_request_language(string culture, string title)
    {
        using var response = await _host.Client.GetAsync($"/api/v1/no-such-thing?lang={culture}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Given_an_endpoint_that_sets_its_own_title_When_it_refuses_Then_its_title_is_kept()
    {
        using var response = await _host.Client.GetAsync("/test/own-problem?lang=kk");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("No such leaf", problem.RootElement.GetProperty("title").GetString());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }
}
