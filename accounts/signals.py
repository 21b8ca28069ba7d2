from django.dispatch import Signal

# Sent (with ``user``) once an account has been deactivated by its owner's request,
# inside the deletion's transaction. The privacy app erases everything the
# personal-data registry lists for that user.
account_deletion_requested = Signal()
