/**
 * Keys LiteLLM documents (proxy/config_settings.md, router and litellm_params docs), per section.
 * Known keys reelay does not use are accepted silently, so a working LiteLLM config loads
 * without noise; anything else gets one "not a LiteLLM key" warning. Generous on purpose:
 * a missing entry costs a spurious warning, never a failed start.
 */
export type ConfigSection =
  | 'top'
  | 'entry'
  | 'litellm_params'
  | 'litellm_settings'
  | 'general_settings'
  | 'router_settings';

/** reelay's own keys inside `litellm_params` (LiteLLM ignores unknown params there). */
export const reelayParamKeys = [
  'poll_initial_seconds',
  'poll_min_seconds',
  'poll_max_seconds',
  'poll_elapsed_fraction',
  'job_timeout_seconds',
] as const;

const top = [
  'model_list', 'litellm_settings', 'general_settings', 'router_settings', 'environment_variables',
  'callback_settings', 'guardrails', 'credential_list', 'include', 'mcp_servers', 'mcp_tools',
  'files_settings', 'assistant_settings', 'finetune_settings', 'search_tools', 'vector_store_registry',
  'prompts', 'model_group_settings', 'pass_through_endpoints', 'agent_list',
];

const entry = ['model_name', 'litellm_params', 'model_info'];

const litellmParams = [
  // routing and limits
  'model', 'api_key', 'api_base', 'api_version', 'api_type', 'custom_llm_provider', 'weight', 'order',
  'rpm', 'tpm', 'max_parallel_requests', 'timeout', 'stream_timeout', 'max_retries', 'num_retries',
  'cooldown_time', 'organization', 'base_model', 'tags', 'litellm_credential_name', 'deployment_id',
  'use_in_pass_through', 'use_litellm_proxy', 'mock_response', 'ssl_verify', 'max_budget',
  'budget_duration', 'max_file_size_mb', 'configurable_clientside_auth_params', 'headers',
  'extra_headers', 'extra_body', 'metadata', 'auto_router_config', 'guardrails',
  // cloud credentials
  'region_name', 'vertex_project', 'vertex_location', 'vertex_credentials', 'aws_access_key_id',
  'aws_secret_access_key', 'aws_session_token', 'aws_region_name', 'aws_profile_name', 'aws_role_name',
  'aws_session_name', 'aws_web_identity_token', 'aws_sts_endpoint', 'aws_bedrock_runtime_endpoint',
  'aws_external_id', 'watsonx_region_name', 'azure_ad_token', 'azure_ad_token_provider',
  'azure_username', 'azure_password', 'azure_scope', 'tenant_id', 'client_id', 'client_secret',
  // cost tracking
  'input_cost_per_token', 'output_cost_per_token', 'input_cost_per_second', 'output_cost_per_second',
  'input_cost_per_pixel', 'output_cost_per_pixel', 'cache_creation_input_token_cost',
  'cache_read_input_token_cost', 'output_cost_per_video_per_second',
  // request defaults passed through to the provider
  'temperature', 'max_tokens', 'max_completion_tokens', 'top_p', 'top_k', 'n', 'stop',
  'presence_penalty', 'frequency_penalty', 'seed', 'response_format', 'tools', 'tool_choice', 'user',
  'logit_bias', 'logprobs', 'top_logprobs', 'reasoning_effort', 'thinking', 'stream', 'stream_options',
  'parallel_tool_calls', 'safety_settings', 'drop_params', 'additional_drop_params',
  'allowed_openai_params', 'merge_reasoning_content_in_choices', 'initial_prompt_value', 'roles',
  'bos_token', 'eos_token',
  ...reelayParamKeys,
];

const litellmSettings = [
  'success_callback', 'failure_callback', 'callbacks', 'service_callbacks', 'turn_off_message_logging',
  'redact_user_api_key_info', 'redact_messages_in_exceptions', 'langfuse_default_tags', 'request_timeout',
  'force_ipv4', 'json_logs', 'set_verbose', 'drop_params', 'modify_params', 'num_retries',
  'allowed_fails', 'fallbacks', 'default_fallbacks', 'content_policy_fallbacks',
  'context_window_fallbacks', 'mcp_aliases', 'cache', 'cache_params', 'enable_preview_features',
  'disable_end_user_cost_tracking', 'disable_end_user_cost_tracking_prometheus_only',
  'key_generation_settings', 'disable_add_transform_inline_image_block', 'disable_hf_tokenizer_download',
  'enable_json_schema_validation', 'enable_key_alias_format_validation',
  'disable_copilot_system_to_assistant', 'use_chat_completions_url_for_anthropic_messages', 'max_budget',
  'budget_duration', 'max_end_user_budget', 'max_internal_user_budget', 'internal_user_budget_duration',
  'default_key_generate_params', 'upperbound_key_generate_params', 'default_team_settings',
  'default_internal_user_params', 'public_teams', 'ssl_verify', 'ssl_certificate', 'return_response_headers',
  'add_function_to_prompt', 'telemetry', 's3_callback_params', 'guardrails', 'global_disable_no_log_param',
  'prometheus_initialize_budget_metrics', 'enable_azure_ad_token_refresh', 'callback_settings',
];

const generalSettings = [
  'master_key', 'database_url', 'database_connection_pool_limit', 'database_connection_timeout',
  'allow_requests_on_db_unavailable', 'store_model_in_db', 'supported_db_objects', 'disable_spend_logs',
  'disable_spend_updates', 'disable_master_key_return', 'disable_retry_on_max_parallel_request_limit_error',
  'disable_reset_budget', 'disable_adding_master_key_hash_to_db', 'disable_responses_id_security',
  'enable_jwt_auth', 'enforce_user_param', 'reject_clientside_metadata_tags', 'allowed_routes',
  'key_management_system', 'key_management_settings', 'custom_auth', 'max_parallel_requests',
  'global_max_parallel_requests', 'infer_model_from_keys', 'background_health_checks',
  'health_check_interval', 'health_check_details', 'alerting', 'alerting_threshold', 'alerting_args',
  'alert_types', 'alert_to_webhook_url', 'use_client_credentials_pass_through_routes', 'public_routes',
  'admin_only_routes', 'enforced_params', 'enable_oauth2_auth', 'enable_oauth2_proxy_auth',
  'use_x_forwarded_for', 'service_account_settings', 'completion_model', 'image_generation_model',
  'embedding_model', 'moderation_model', 'store_prompts_in_spend_logs', 'max_request_size_mb',
  'max_response_size_mb', 'proxy_budget_rescheduler_min_time', 'proxy_budget_rescheduler_max_time',
  'proxy_batch_write_at', 'proxy_batch_polling_interval', 'custom_key_generate', 'allowed_ips',
  'default_team_disabled', 'allow_user_auth', 'user_api_key_cache_ttl', 'disable_prisma_schema_update',
  'litellm_key_header_name', 'custom_sso', 'allow_client_side_credentials', 'use_azure_key_vault',
  'use_google_kms', 'spend_report_frequency', 'ui_access_mode', 'litellm_jwtauth', 'litellm_license',
  'oauth2_config_mappings', 'pass_through_endpoints', 'forward_openai_org_id',
  'forward_client_headers_to_llm_api', 'maximum_spend_logs_retention_period',
  'maximum_spend_logs_retention_interval', 'user_mcp_management_mode', 'ui_username', 'ui_password',
];

const routerSettings = [
  'routing_strategy', 'routing_strategy_args', 'redis_host', 'redis_port', 'redis_password', 'redis_db',
  'redis_url', 'enable_pre_call_checks', 'enable_pre_call_check', 'optional_pre_call_checks',
  'allowed_fails', 'allowed_fails_policy', 'cooldown_time', 'disable_cooldowns', 'num_retries',
  'retry_policy', 'model_group_retry_policy', 'retry_after', 'timeout', 'stream_timeout',
  'default_max_parallel_requests', 'default_priority', 'polling_interval', 'max_fallbacks', 'fallbacks',
  'default_fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks', 'default_litellm_params',
  'model_group_alias', 'enable_tag_filtering', 'tag_filtering_match_any', 'debug_level', 'client_ttl',
  'cache_kwargs', 'cache_responses', 'caching_groups', 'provider_budget_config', 'set_verbose',
  'deployment_affinity_ttl_seconds', 'ignore_invalid_deployments', 'search_tools', 'guardrail_list',
  'router_general_settings', 'alerting_config', 'assistants_config', 'status_calls_per_second',
];

export const knownKeys: Readonly<Record<ConfigSection, ReadonlySet<string>>> = {
  top: new Set(top),
  entry: new Set(entry),
  litellm_params: new Set(litellmParams),
  litellm_settings: new Set(litellmSettings),
  general_settings: new Set(generalSettings),
  router_settings: new Set(routerSettings),
};

/** Where a key that is unknown in `section` may have been meant to go, for a "move it" hint. */
export const neighbourSections: Readonly<Record<ConfigSection, readonly ConfigSection[]>> = {
  top: ['general_settings', 'litellm_settings', 'router_settings'],
  entry: ['litellm_params'],
  litellm_params: [],
  litellm_settings: ['general_settings', 'router_settings'],
  general_settings: ['litellm_settings', 'router_settings'],
  router_settings: ['litellm_settings', 'general_settings'],
};
