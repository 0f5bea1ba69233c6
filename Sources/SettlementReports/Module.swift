// The SettlementReports module; its sources are being written.
