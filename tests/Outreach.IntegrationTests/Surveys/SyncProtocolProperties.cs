using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Surveys.Responses;

namespace Outreach.IntegrationTests.Surveys;

/// <summary>
/// The offline sync protocol as a property: whatever order the same submissions arrive in, and however devices batch
/// them, the database ends knowing the same thing — one response per id, and every distinct body for that id exactly once
/// (stored or kept as a conflict). Each generated case runs twice against fresh ids on the real database.
/// </summary>
public abstract class SyncProtocolProperties(IOutreachApp app)
{
    private const int Ids = 3;

    private sealed record Knowledge(int Rows, string Bodies, int Conflicts);

    [Fact]
    public async Task Any_arrival_order_and_batching_ends_in_the_same_state()
    {
        using var coordinator = await app.ApiAs("coordinator");
        var survey = await coordinator.NewTemplate("Sync property");
        var village = await app.RegionId("Kotri");
        var worker = new TestCaller(await app.UserId("worker"), "OutreachWorker");

        // A submission is (which id, which body); body 3 is invalid and must leave no trace.
        var submission = Gen.Choose(0, Ids - 1).Zip(Gen.Choose(0, 3));
        var cases =
            from count in Gen.Choose(1, 12)
            from sent in Gen.ArrayOf(submission, count)
            from replayed in Gen.Shuffle(sent)
            from firstBatch in Gen.Choose(1, 5)
            from secondBatch in Gen.Choose(1, 5)
            select (Sent: sent, Replayed: replayed, FirstBatch: firstBatch, SecondBatch: secondBatch);

        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var first = Run(c.Sent, c.FirstBatch).GetAwaiter().GetResult();
            var second = Run(c.Replayed, c.SecondBatch).GetAwaiter().GetResult();
            return first.SequenceEqual(second) && first.All(k => k.Conflicts == Math.Max(0, k.Bodies.Split('|', StringSplitOptions.RemoveEmptyEntries).Length - 1));
        });
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), property), TestContext.Current.CancellationToken);

        async Task<Knowledge[]> Run((int Id, int Body)[] order, int batchSize)
        {
            var ids = Enumerable.Range(0, Ids).Select(_ => Guid.CreateVersion7()).ToArray();
            foreach (var batch in order.Chunk(batchSize))
            {
                await app.SendAs(worker, new SyncResponses([.. batch.Select(s => Submission(ids[s.Id], s.Body))]));
            }
            return await Task.WhenAll(ids.Select(Read));
        }

        ResponseSubmission Submission(Guid id, int body) => new()
        {
            Id = id,
            TemplateId = survey.Id,
            TemplateVersion = 1,
            VillageId = village,
            CollectedOn = new DateOnly(2026, 11, 20),
            Answers = new Dictionary<string, JsonElement>
            {
                ["support_group"] = JsonSerializer.SerializeToElement("yes"),
                ["households"] = JsonSerializer.SerializeToElement(body == 3 ? 0 : 40 + body),
            },
        };
    }

    private async Task<Knowledge> Read(Guid id)
    {
        var stored = await app.WithDb(db => db.QueryAsync<string>("SELECT answers FROM surveys_response WHERE id = @Id", new { Id = id }));
        var conflicts = await app.WithDb(db => db.QueryAsync<string>("SELECT submitted FROM surveys_sync_conflict WHERE response_id = @Id", new { Id = id }));
        var bodies = stored.Concat(conflicts.Select(c => JsonNode.Parse(c)!["answers"]!.ToJsonString())).Distinct().Order(StringComparer.Ordinal);
        return new Knowledge(stored.Count, string.Join('|', bodies), conflicts.Count);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteSyncProtocolProperties(SqliteApp app) : SyncProtocolProperties(app);

[Collection(HostTests.Name)]
public sealed class PostgresSyncProtocolProperties(PostgresApp app) : SyncProtocolProperties(app);
