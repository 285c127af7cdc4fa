"""Sessions: the model, its operations and their fold, the journal file, the recorder, rescue copies, the sessions folder and runbooks."""
