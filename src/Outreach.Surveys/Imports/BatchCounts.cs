using Outreach.Shared;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

internal sealed class BatchCounts
{
    public long Imported { get; set; }
    public long Unchanged { get; set; }
    public long Conflicts { get; set; }

    public void Add(IntakeStatus status)
    {
        if (status == IntakeStatus.Created) Imported++;
        else if (status == IntakeStatus.Unchanged) Unchanged++;
        else if (status == IntakeStatus.Conflict) Conflicts++;
    }
}
