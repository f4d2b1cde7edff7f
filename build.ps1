#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Thin wrapper over the dotnet CLI for Outreach.
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Restore', 'Build', 'Test', 'Run', 'Bench', 'Publish')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    [string] $Output = 'artifacts/publish'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'Restore' { Invoke-Dotnet restore Outreach.sln }
    'Build'   { Invoke-Dotnet build Outreach.sln -c $Configuration }
    'Test'    { Invoke-Dotnet test Outreach.sln -c $Configuration }
    'Run'     { Invoke-Dotnet run --project src/Outreach.Host -c $Configuration }
    'Bench'   { Invoke-Dotnet run --project bench/Outreach.Bench -c Release }
    'Publish' { Invoke-Dotnet publish src/Outreach.Host -c Release -o $Output }
}
