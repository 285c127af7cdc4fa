"""Sessions: the model, operations and their fold, the journal, the recorder, rescue, the folder, runbooks."""
