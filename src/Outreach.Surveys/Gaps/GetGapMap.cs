using System.Text.Json.Nodes;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Gaps;

/// <summary>
/// Open gaps in the caller's regions as a GeoJSON FeatureCollection. A village has no coordinates of its own, so a gap is
/// placed at the mean GPS position of the survey responses collected there; a gap with no located response has a null geometry.
/// </summary>
public sealed record GetGapMap(bool IncludeResolved = false) : IQuery<JsonObject>;

internal sealed class GetGapMapHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<GetGapMap, JsonObject>
{
    private const string Sql = """
        SELECT g.id, g.category, g.state, g.village_id, g.due_on, pos.latitude, pos.longitude
        FROM surveys_gap g
        LEFT JOIN (SELECT village_id, AVG(latitude) AS latitude, AVG(longitude) AS longitude FROM surveys_response
                   WHERE latitude IS NOT NULL GROUP BY village_id) pos ON pos.village_id = g.village_id
        WHERE (@IncludeResolved = {true} OR g.state <> 'resolved') AND
        """ + " " + SurveysScope.Gap + " ORDER BY g.id";

    private sealed record Row
    {
        public required Guid Id { get; init; }
        public required string Category { get; init; }
        public required string State { get; init; }
        public required Guid VillageId { get; init; }
        public DateOnly? DueOn { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
    }

    public async ValueTask<JsonObject> Handle(GetGapMap query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var rows = await db.QueryAsync<Row>(Sql, scope.SqlArgs(db, new { query.IncludeResolved }), cancellationToken);
        var features = new JsonArray();
        foreach (var row in rows)
        {
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = row.Id,
                // GeoJSON orders a position longitude first.
                ["geometry"] = row.Latitude is { } lat && row.Longitude is { } lon
                    ? new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Math.Round(lon, 6), Math.Round(lat, 6)) }
                    : null,
                ["properties"] = new JsonObject
                {
                    ["category"] = row.Category,
                    ["state"] = row.State,
                    ["villageId"] = row.VillageId,
                    ["dueOn"] = row.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                },
            });
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }
}
