from backend.api_keys.models import ApiKey
from backend.kit.repository import TenantRepository


class ApiKeyRepository(TenantRepository[ApiKey]):
    model = ApiKey
