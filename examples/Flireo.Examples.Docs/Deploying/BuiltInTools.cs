using Flireo.Tools;

#region deploying-built-ins
[assembly: FlireoEndCallTool]
[assembly: FlireoTransferDestination("+31850000001", "The front desk, for anything the tools cannot answer",
    Message = "I'll put you through to the front desk.")]
[assembly: FlireoTransferDestination("sip:kitchen@pbx.example.com", "The kitchen, for allergy questions")]
#endregion
