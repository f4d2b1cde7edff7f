namespace Outreach.Surveys.Imports;

public sealed record UnfinishedImport(Guid Id, Guid CreatedBy, string CreatedRole);
