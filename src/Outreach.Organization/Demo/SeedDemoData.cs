using Mediator;
using Microsoft.AspNetCore.Identity;
using Outreach.Organization.Access;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Organization.Demo;

/// <summary>A demo account as it stands: an existing one keeps the role and state an admin may have given it since.</summary>
public sealed record DemoLogin(Guid UserId, string Username, string Role, string Scope, bool Active = true);

/// <summary>A demo NGO working in two districts of Madhya Pradesh. Safe to run again: what exists is left as it is.</summary>
public sealed record SeedDemoData : ICommand<IReadOnlyList<DemoLogin>>
{
    public const string Password = "Outreach-demo-2026";
}

internal sealed class SeedDemoDataHandler(DbSession db, TimeProvider time, PasswordHasher<UserAccount> hasher)
    : ICommandHandler<SeedDemoData, IReadOnlyList<DemoLogin>>
{
    private const string FindRegionSql = """
        SELECT id, parent_id, level, name, local_name, path, version FROM org_region
        WHERE ((@ParentId IS NULL AND parent_id IS NULL) OR parent_id = @ParentId) AND name = @Name
        """;

    private const string FindUserSql = "SELECT id AS Id, role AS Role, is_active AS Active FROM org_user WHERE normalized_username = @Normalized";

    private sealed record ExistingUser
    {
        public required Guid Id { get; init; }
        public required string Role { get; init; }
        public required bool Active { get; init; }
    }

    // Hashing is deliberately slow; the demo users share one password, so it is hashed once per seeding.
    private string? passwordHash;

    private static readonly (string Name, string Local, (string Name, string Local, (string Name, string Local)[] Villages)[] Blocks)[] Districts =
    [
        ("Sehore", "सीहोर",
        [
            ("Ashta", "आष्टा", [("Bhanwarkhedi", "भंवरखेड़ी"), ("Kotri", "कोटरी"), ("Jawar", "जावर"), ("Siddhikganj", "सिद्दीकगंज")]),
            ("Ichhawar", "इछावर", [("Brijeshnagar", "बृजेशनगर"), ("Amlaha", "अमलाहा"), ("Nadan", "नादान")]),
        ]),
        ("Vidisha", "विदिशा",
        [
            ("Basoda", "बासौदा", [("Pathari", "पठारी"), ("Udaipur", "उदयपुर"), ("Tyonda", "त्योंदा")]),
            ("Sironj", "सिरोंज", [("Lateri", "लटेरी"), ("Anandpur", "आनंदपुर"), ("Muradpur", "मुरादपुर")]),
        ]),
    ];

    public async ValueTask<IReadOnlyList<DemoLogin>> Handle(SeedDemoData command, CancellationToken cancellationToken)
    {
        var india = await RegionAsync(null, null, RegionLevel.Country, "India", "भारत", cancellationToken);
        var state = await RegionAsync(india.Id, india.Path, RegionLevel.State, "Madhya Pradesh", "मध्य प्रदेश", cancellationToken);
        var districts = new Dictionary<string, Guid>();
        foreach (var (districtName, districtLocal, blocks) in Districts)
        {
            var district = await RegionAsync(state.Id, state.Path, RegionLevel.District, districtName, districtLocal, cancellationToken);
            districts[districtName] = district.Id;
            foreach (var (blockName, blockLocal, villages) in blocks)
            {
                var block = await RegionAsync(district.Id, district.Path, RegionLevel.Block, blockName, blockLocal, cancellationToken);
                foreach (var (villageName, villageLocal) in villages)
                {
                    await RegionAsync(block.Id, block.Path, RegionLevel.Village, villageName, villageLocal, cancellationToken);
                }
            }
        }

        return
        [
            await UserAsync("admin", "Asha Verma", Roles.Admin, india.Id, "India", cancellationToken),
            await UserAsync("coordinator", "Ravi Patel", Roles.Coordinator, state.Id, "Madhya Pradesh", cancellationToken),
            await UserAsync("manager", "Meena Joshi", Roles.Manager, state.Id, "Madhya Pradesh", cancellationToken),
            await UserAsync("worker", "Sunita Yadav", Roles.OutreachWorker, districts["Sehore"], "Sehore district", cancellationToken),
            await UserAsync("worker.vidisha", "Imran Khan", Roles.OutreachWorker, districts["Vidisha"], "Vidisha district", cancellationToken),
        ];
    }

    private async Task<RegionRow> RegionAsync(Guid? parentId, string? parentPath, RegionLevel level, string name, string local, CancellationToken cancellationToken)
    {
        var existing = await db.QuerySingleOrDefaultAsync<RegionRow>(FindRegionSql, new { ParentId = parentId, Name = name }, cancellationToken);
        if (existing is not null) return existing;
        var id = NewId.Next(time);
        var path = await db.InsertRegionAsync(id, parentId, parentPath, level, name, local, time.GetUtcNow(), cancellationToken);
        return new RegionRow { Id = id, ParentId = parentId, Level = (int)level, Name = name, LocalName = local, Path = path, Version = 1 };
    }

    private async Task<DemoLogin> UserAsync(string username, string displayName, string role, Guid regionId, string scope, CancellationToken cancellationToken)
    {
        var normalized = UserAccount.Normalize(username);
        if (await db.QuerySingleOrDefaultAsync<ExistingUser>(FindUserSql, new { Normalized = normalized }, cancellationToken) is { } existing)
        {
            return new DemoLogin(existing.Id, username, existing.Role, scope, existing.Active);
        }
        var id = NewId.Next(time);
        var now = time.GetUtcNow();
        passwordHash ??= hasher.HashPassword(UserAccount.Hashing, SeedDemoData.Password);
        await db.InsertUserAsync(id, username, displayName, role, passwordHash, now, cancellationToken);
        await db.AssignAsync(id, regionId, now, cancellationToken);
        return new DemoLogin(id, username, role, scope);
    }
}
