// The BudgetEngine module; its sources are being written.
